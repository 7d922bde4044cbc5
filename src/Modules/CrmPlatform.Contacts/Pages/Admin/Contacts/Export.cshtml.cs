using CrmPlatform.Contacts.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

/// <summary>The list's CSV: the same query string as <c>/admin/contacts</c>, streamed as it is read.</summary>
[Authorize(Policy = "Contacts.Export")]
public sealed class ExportModel(ContactExport export) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ContactFilter Filter { get; set; } = new();

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Errors = new Dictionary<string, string[]> { ["filter"] = ["A filter value is not valid: dates are yyyy-mm-dd and ids come from the lists."] };
            return Page();
        }
        var prepared = await export.PrepareAsync(Filter, ct);
        if (!prepared.Succeeded)
        {
            Errors = prepared.Errors;
            return Page();
        }
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{ContactExport.FileName(DateTime.UtcNow)}\"";
        Response.Headers.XContentTypeOptions = "nosniff";
        await prepared.Value!(Response.Body, ct);
        return new EmptyResult();
    }
}
