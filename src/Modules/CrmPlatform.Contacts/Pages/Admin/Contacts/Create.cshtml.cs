using CrmPlatform.Contacts.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

[Authorize(Policy = ContactsPermissions.Names.Create)]
public sealed class CreateModel(ContactCommands commands, CategoryCommands categories) : PageModel
{
    // Validated by the use case (one rule set for form and API); ModelState keeps only values that did not bind.
    [BindProperty, ValidateNever]
    public ContactInput Input { get; set; } = new();

    public IReadOnlyList<CategoryOption> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Categories = await categories.OptionsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await commands.CreateAsync(Input, ct);
            if (result.Succeeded)
            {
                TempData["Status"] = $"Contact {result.Value!.Name} created.";
                return Redirect($"/admin/contacts/{result.Value.Id}");
            }
            FormErrors.AddTo(ModelState, result.Errors, nameof(Input));
        }
        else
        {
            FormErrors.AddTo(ModelState, await commands.ValidateAsync(null, Input, ct), nameof(Input));
        }
        Categories = await categories.OptionsAsync(ct);
        return Page();
    }
}
