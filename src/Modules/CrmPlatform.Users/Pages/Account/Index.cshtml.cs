using CrmPlatform.Core.Api;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Users.Pages.Account;

/// <summary>The signed-in user's own profile and password; open to every role, <c>lead</c> included.</summary>
[Authorize]
internal sealed class AccountModel(GetUserHandler get, UpdateProfileHandler updateProfile, ChangePasswordHandler changePassword, SignInManager<User> signIn, ICurrentUser current) : PageModel
{
    [BindProperty]
    public ChangePasswordRequest Input { get; set; } = new();

    [BindProperty]
    public UpdateProfileRequest Details { get; set; } = new();

    public UserDto? Profile { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Profile = await get.HandleAsync(current.Id!.Value, ct);
        if (Profile is null)
        {
            return NotFound();
        }
        Details = UpdateProfileRequest.From(Profile);
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await updateProfile.HandleAsync(current.Id!.Value, Details, ct);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, nameof(Details));
            Profile = await get.HandleAsync(current.Id!.Value, ct);
            return Page();
        }
        // The name shown in the header comes from the sign-in cookie.
        await signIn.RefreshSignInAsync(result.Value!);
        TempData["Status"] = "Your details were saved.";
        return Redirect("/account");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await changePassword.HandleAsync(current.Id!.Value, Input, ct);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            Input = new();
            Profile = await get.HandleAsync(current.Id!.Value, ct);
            Details = UpdateProfileRequest.From(Profile!);
            return Page();
        }
        // The password change renewed the security stamp; renew this session's cookie so it survives the next check.
        await signIn.RefreshSignInAsync(result.Value!);
        TempData["Status"] = "Your password was changed.";
        return Redirect("/account");
    }
}
