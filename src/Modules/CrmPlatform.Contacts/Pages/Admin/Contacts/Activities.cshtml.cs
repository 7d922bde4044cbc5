using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Contacts.Pages.Admin.Contacts;

/// <summary>The activity forms of the contact page post here and return to its Activities tab.</summary>
[Authorize(Policy = ContactsPermissions.Names.Edit)]
public sealed class ActivitiesModel(ActivityCommands activities) : PageModel
{
    [BindProperty, ValidateNever]
    public ActivityInput Input { get; set; } = new();

    public IActionResult OnGet(Guid id) => Back(id);

    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct) =>
        Done(id, ModelState.IsValid ? await activities.AddAsync(id, Input, ct) : FormErrors.Unbound<ActivityDto>(ModelState), "Activity added.");

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, Guid activityId, CancellationToken ct) =>
        Done(id, ModelState.IsValid ? await activities.UpdateAsync(id, activityId, Input, ct) : FormErrors.Unbound<ActivityDto>(ModelState), "Activity saved.");

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, Guid activityId, CancellationToken ct) =>
        Done(id, await activities.CompleteAsync(id, activityId, true, ct), "Activity completed.");

    public async Task<IActionResult> OnPostReopenAsync(Guid id, Guid activityId, CancellationToken ct) =>
        Done(id, await activities.CompleteAsync(id, activityId, false, ct), "Activity reopened.");

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid activityId, CancellationToken ct) =>
        Done(id, await activities.DeleteAsync(id, activityId, ct), "Activity deleted.");

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
            TempData["Error"] = "The activity was not saved: " + FormErrors.Join(result.Errors);
        }
        return Back(id);
    }

    private RedirectResult Back(Guid id) => Redirect($"/admin/contacts/{id}#activities");
}
