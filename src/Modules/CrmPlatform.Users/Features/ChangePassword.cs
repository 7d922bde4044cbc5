using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Users.Features;

public sealed class ChangePasswordRequest
{
    [Display(Name = "Current password"), Required(ErrorMessage = "Enter your current password."), StringLength(128), DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    [Display(Name = "New password"), Required(ErrorMessage = "Enter a new password."), StringLength(128, ErrorMessage = "The password can be at most 128 characters."), DataType(DataType.Password)]
    public string? NewPassword { get; set; }
}

/// <summary>
/// Changes the signed-in user's own password. A wrong current password counts as a failed sign-in, so this cannot be
/// used to guess passwords faster than the login page allows.
/// </summary>
internal sealed class ChangePasswordHandler(UserManager<User> users)
{
    public async Task<Result<User>> HandleAsync(Guid userId, ChangePasswordRequest request, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !user.IsActive)
        {
            return Result<User>.NotFound();
        }
        var errors = RequestValidator.Validate(request);
        await users.ValidatePasswordAsync(user, request.NewPassword, nameof(request.NewPassword), errors);
        if (errors.Count > 0)
        {
            return Result<User>.Invalid(errors);
        }
        if (await users.IsLockedOutAsync(user))
        {
            return Result<User>.Invalid(nameof(request.CurrentPassword), "Too many failed attempts: try again in 15 minutes.");
        }
        if (!await users.CheckPasswordAsync(user, request.CurrentPassword!))
        {
            await users.AccessFailedAsync(user);
            return Result<User>.Invalid(nameof(request.CurrentPassword), "The current password is not right.");
        }
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
        if (!result.Succeeded)
        {
            return Result<User>.Invalid(FieldErrors.FromIdentity(result, nameof(request.NewPassword)));
        }
        await users.ResetAccessFailedCountAsync(user);
        return Result<User>.Ok(user);
    }
}
