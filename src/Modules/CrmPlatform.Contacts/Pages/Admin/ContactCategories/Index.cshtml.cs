using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.ContactCategories;

[Authorize(Policy = ContactsPermissions.Names.ManageCategories)]
public sealed class IndexModel(CategoryCommands categories) : PageModel
{
    [BindProperty, ValidateNever]
    public CategoryInput Input { get; set; } = new();

    public IReadOnlyList<CategoryDto> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Categories = await categories.ListAsync(activeOnly: false, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await categories.CreateAsync(Input, ct);
            if (result.Succeeded)
            {
                TempData["Status"] = $"Category {result.Value!.Name} created.";
                return RedirectToPage();
            }
            FormErrors.AddTo(ModelState, result.Errors, nameof(Input));
        }
        Categories = await categories.ListAsync(activeOnly: false, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActivateAsync(Guid id, CancellationToken ct) =>
        Done(await categories.SetActiveAsync(id, true, ct), "Category activated.");

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken ct) =>
        Done(await categories.SetActiveAsync(id, false, ct), "Category deactivated.");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        Done(await categories.DeleteAsync(id, ct), "Category deleted.");

    private IActionResult Done<T>(Result<T> result, string status)
    {
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        TempData[result.Succeeded ? "Status" : "Error"] = result.Succeeded ? status : FormErrors.Join(result.Errors);
        return RedirectToPage();
    }
}
