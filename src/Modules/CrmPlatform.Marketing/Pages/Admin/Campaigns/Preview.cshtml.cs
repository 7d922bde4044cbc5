using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Marketing.Pages.Admin.Campaigns;

/// <summary>
/// The editor's preview, loaded into a <c>sandbox</c>ed frame: the editor form posts here (formtarget). The response
/// carries its own strict Content-Security-Policy (sandbox, no script, no connections), so even content that got past the
/// sanitiser could not run or reach out.
/// </summary>
[Authorize(Policy = "Campaigns.Manage")]
public sealed class CampaignPreviewModel(CampaignPreview preview) : PageModel
{
    public const string Policy = "sandbox; default-src 'none'; img-src http: https: data:; style-src 'unsafe-inline'; font-src http: https: data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    [BindProperty] public CampaignInput Input { get; set; } = new();
    [BindProperty] public Guid? PreviewContactId { get; set; }
    public PreviewDto? Rendered { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public bool Posted { get; private set; }

    public void OnGet() => Protect();

    public async Task OnPostAsync(CancellationToken ct)
    {
        Protect();
        Posted = true;
        var result = await preview.RenderAsync(Input.Type ?? CampaignType.Email, Input.Name, Input.Subject, Input.Content, PreviewContactId, ct);
        if (result.Succeeded)
        {
            Rendered = result.Value;
        }
        else
        {
            Errors = [.. result.Errors.SelectMany(e => e.Value)];
        }
    }

    private void Protect()
    {
        Response.Headers.ContentSecurityPolicy = Policy;
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
