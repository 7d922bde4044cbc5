using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CrmPlatform.Themes.Admin;

/// <summary>
/// <c>&lt;th crm-sort="name"&gt;Name&lt;/th&gt;</c>: a column header that sorts the list by that key, toggling the
/// direction, keeping the other query values and going back to the first page.
/// </summary>
[HtmlTargetElement("th", Attributes = "crm-sort")]
public sealed class SortHeaderTagHelper : TagHelper
{
    [HtmlAttributeName("crm-sort")]
    public string Key { get; set; } = "";

    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var request = ViewContext.HttpContext.Request;
        var current = request.Query["sort"].ToString();
        var descending = current == "-" + Key;
        var active = current == Key || descending;
        var query = request.Query.Where(q => q.Key is not ("sort" or "cursor")).ToDictionary(q => q.Key, q => q.Value.ToString());
        query["sort"] = active && !descending ? "-" + Key : Key;
        var label = (await output.GetChildContentAsync()).GetContent();
        var link = new TagBuilder("a");
        link.Attributes["href"] = request.Path + QueryString.Create(query!);
        link.InnerHtml.AppendHtml(label);
        if (active)
        {
            link.InnerHtml.AppendHtml(descending ? " <i class=\"bi bi-caret-down-fill\" aria-hidden=\"true\"></i>" : " <i class=\"bi bi-caret-up-fill\" aria-hidden=\"true\"></i>");
            output.Attributes.SetAttribute("aria-sort", descending ? "descending" : "ascending");
        }
        output.Content.SetHtmlContent(link);
    }
}
