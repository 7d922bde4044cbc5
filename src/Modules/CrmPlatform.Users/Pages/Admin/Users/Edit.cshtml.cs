using CrmPlatform.Core.Api;
using CrmPlatform.Core.Security;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Users.Pages.Admin.Users;

[Authorize(Policy = "Users.Manage")]
internal sealed class EditUserModel(GetUserHandler get, UpdateUserHandler update, SetUserActiveHandler setActive, ICurrentUser current) : PageModel
{
    [BindProperty]
    public UpdateUserRequest Input { get; set; } = new();

    public UserDto? Existing { get; private set; }

    public bool IsSelf => Existing?.Id == current.Id;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Existing = await get.HandleAsync(id, ct);
        if (Existing is null)
        {
            return NotFound();
        }
        Input = UpdateUserRequest.From(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await update.HandleAsync(id, Input, ct);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            Existing = await get.HandleAsync(id, ct);
            return Page();
        }
        TempData["Status"] = "Changes saved.";
        return Redirect($"/admin/users/{id}");
    }

    public Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken ct) => SetActiveAsync(id, false, ct);

    public Task<IActionResult> OnPostActivateAsync(Guid id, CancellationToken ct) => SetActiveAsync(id, true, ct);

    private async Task<IActionResult> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        var result = await setActive.HandleAsync(id, active, ct);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Status"] = active ? "The user is active again." : "The user is deactivated and signed out.";
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }
        return Redirect($"/admin/users/{id}");
    }
}
