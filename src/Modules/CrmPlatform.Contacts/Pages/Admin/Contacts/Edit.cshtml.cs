using CrmPlatform.Contacts.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

[Authorize(Policy = ContactsPermissions.Names.Edit)]
public sealed class EditModel(ContactCommands commands, ContactQuery query, CategoryCommands categories) : PageModel
{
    // Validated by the use case (one rule set for form and API); ModelState keeps only values that did not bind.
    [BindProperty, ValidateNever]
    public ContactInput Input { get; set; } = new();

    public ContactDto Contact { get; private set; } = default!;
    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Input = new ContactInput
        {
            Name = Contact.Name, EmailId = Contact.EmailId, ContactNo = Contact.ContactNo, Location = Contact.Location, Type = Contact.Type,
            Company = Contact.Company, Designation = Contact.Designation, Industry = Contact.Industry, Website = Contact.Website, CategoryId = Contact.CategoryId,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await commands.UpdateAsync(id, Input, ct);
            if (result.Succeeded)
            {
                TempData["Status"] = "Contact saved.";
                return Redirect($"/admin/contacts/{id}");
            }
            if (result.Kind == Core.Api.ResultKind.NotFound)
            {
                return NotFound();
            }
            FormErrors.AddTo(ModelState, result.Errors, nameof(Input));
        }
        else
        {
            FormErrors.AddTo(ModelState, await commands.ValidateAsync(id, Input, ct), nameof(Input));
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var contact = await query.GetAsync(id, includeDeleted: false, ct);
        if (contact is null)
        {
            return false;
        }
        Contact = contact;
        Categories = await categories.OptionsAsync(ct);
        return true;
    }
}
