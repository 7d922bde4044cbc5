using CrmPlatform.Contacts.Data;
using CrmPlatform.Contacts.Features.Imports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts.Imports;

[Authorize(Policy = "Contacts.Import")]
public sealed class IndexModel(ImportJobs imports) : PageModel
{
    public IReadOnlyList<ContactImportJob> Recent { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Recent = await imports.RecentAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is not null)
        {
            await using var stream = file.OpenReadStream();
            var result = await imports.UploadAsync(stream, file.FileName, file.Length, ct);
            if (result.Succeeded)
            {
                return Redirect($"/admin/contacts/imports/{result.Value!.Id}");
            }
            Error = string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }
        else
        {
            Error = "Choose a CSV file to import.";
        }
        Recent = await imports.RecentAsync(ct);
        return Page();
    }
}
