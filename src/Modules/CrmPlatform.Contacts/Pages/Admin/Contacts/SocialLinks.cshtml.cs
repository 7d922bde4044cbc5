using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

/// <summary>The social link forms of the contact page post here and return to its Social links tab.</summary>
[Authorize(Policy = ContactsPermissions.Names.Edit)]
public sealed class SocialLinksModel(SocialLinkCommands links) : PageModel
{
    [BindProperty, ValidateNever]
    public SocialLinkInput Input { get; set; } = new();

    public IActionResult OnGet(Guid id) => Back(id);

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct) =>
        Done(id, ModelState.IsValid ? await links.AddAsync(id, Input, ct) : FormErrors.Unbound<SocialLinkDto>(ModelState), "Link added.");

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, Guid linkId, CancellationToken ct) =>
        Done(id, ModelState.IsValid ? await links.UpdateAsync(id, linkId, Input, ct) : FormErrors.Unbound<SocialLinkDto>(ModelState), "Link saved.");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid linkId, CancellationToken ct) =>
        Done(id, await links.DeleteAsync(id, linkId, ct), "Link deleted.");

    private IActionResult Done<T>(Guid id, Result<T> result, string status)
    {
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Status"] = status;
        }
        else
        {
            TempData["Error"] = "The link was not saved: " + FormErrors.Join(result.Errors);
        }
        return Back(id);
    }

    private RedirectResult Back(Guid id) => Redirect($"/admin/contacts/{id}#links");
}
