using CrmPlatform.Contacts.Features.Merging;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

[Authorize(Policy = "Contacts.Merge")]
public sealed class DuplicatesModel(DuplicateFinder finder) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public CursorPage<DuplicatePair> Pairs { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct) => Pairs = await finder.FindAsync(Cursor, 50, ct);
}
