using CrmPlatform.Contacts.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.ContactCategories;

[Authorize(Policy = ContactsPermissions.Names.ManageCategories)]
public sealed class EditModel(CategoryCommands categories) : PageModel
{
    [BindProperty, ValidateNever]
    public CategoryInput Input { get; set; } = new();

    public CategoryDto Category { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await categories.GetAsync(id, ct) is not { } category)
        {
            return NotFound();
        }
        Category = category;
        Input = new CategoryInput { Name = category.Name, Description = category.Description, IsActive = category.IsActive };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await categories.GetAsync(id, ct) is not { } category)
        {
            return NotFound();
        }
        Category = category;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await categories.UpdateAsync(id, Input, ct);
        if (result.Succeeded)
        {
            TempData["Status"] = "Category saved.";
            return Redirect("/admin/contact-categories");
        }
        FormErrors.AddTo(ModelState, result.Errors, nameof(Input));
        return Page();
    }
}
