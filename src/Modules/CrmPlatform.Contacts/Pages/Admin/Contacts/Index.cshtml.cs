using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

[Authorize(Policy = ContactsPermissions.Names.View)]
public sealed class IndexModel(ContactQuery query, CategoryCommands categories, ContactAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ContactFilter Filter { get; set; } = new();

    public CursorPage<ContactDto> Results { get; private set; } = new([], null);
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];
    public IReadOnlyList<KeyValuePair<Guid, string>> Creators { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public bool CanDelete { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanCreate = await access.CanAsync(ContactsPermissions.Create, ct);
        CanDelete = await access.CanAsync(ContactsPermissions.Delete, ct);
        Categories = await categories.OptionsAsync(ct);
        Creators = await query.CreatorsAsync(ct);
        if (!ModelState.IsValid)
        {
            // Query-string values that do not bind (a malformed date or id) are reported, not ignored.
            Errors = new Dictionary<string, string[]> { ["filter"] = ["A filter value is not valid: dates are yyyy-mm-dd and ids come from the lists."] };
            return;
        }
        var result = await query.SearchAsync(Filter, ct);
        if (result.Succeeded)
        {
            Results = result.Value!;
        }
        else
        {
            Errors = result.Errors;
        }
    }
}
