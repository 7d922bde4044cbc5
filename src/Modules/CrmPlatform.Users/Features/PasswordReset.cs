using System.ComponentModel.DataAnnotations;
using System.Text;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Email;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Users.Features;

public sealed class ForgotPasswordRequest
{
    [Required(ErrorMessage = "Enter your email."), EmailAddress(ErrorMessage = "Enter a valid email address."), StringLength(256)]
    public string? Email { get; set; }
}

public sealed class ResetPasswordRequest
{
    [Required, StringLength(64)]
    public string? User { get; set; }

    [Required, StringLength(2048)]
    public string? Token { get; set; }

    [Display(Name = "New password"), Required(ErrorMessage = "Enter a new password."), StringLength(128, ErrorMessage = "The password can be at most 128 characters."), DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [Display(Name = "Repeat the new password"), Required(ErrorMessage = "Repeat the new password."), StringLength(128), DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords are not the same.")]
    public string? ConfirmPassword { get; set; }
}

/// <summary>
/// Password reset by email link. The link carries Identity's reset token: signed by data protection, expiring
/// (<c>DataProtectionTokenProviderOptions.TokenLifespan</c>) and bound to the security stamp, which the reset
/// changes, so a link works once. The request answers the same whether or not the address has an account.
/// </summary>
internal sealed class PasswordResetHandler(UserManager<User> users, IEmailSender email, ILogger<PasswordResetHandler> logger)
{
    public const string InvalidLink = "This reset link is not valid any more: it was used already or it expired. Ask for a new one.";

    public async Task<Result<bool>> RequestAsync(ForgotPasswordRequest request, string siteBaseUrl, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return Result<bool>.Invalid(errors);
        }
        var user = await users.FindByEmailAsync(request.Email!.Trim());
        if (user is null || !user.IsActive)
        {
            logger.LogInformation("Password reset asked for an address without an active account.");
            return Result<bool>.Ok(true);
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{siteBaseUrl.TrimEnd('/')}/reset-password?user={user.Id}&token={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token))}";
        await email.SendAsync(new EmailMessage(
            user.Email!,
            "Reset your password",
            $"Someone (hopefully you) asked to reset the password of your account.\n\nOpen this link to choose a new password (it works once, for one hour):\n{link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n",
            null), ct);
        logger.LogInformation("Password reset link sent to user {UserId}.", user.Id);
        return Result<bool>.Ok(true);
    }

    /// <summary>Checks a link without using it, so the form is shown only for a link that can still work.</summary>
    public async Task<bool> IsValidAsync(string? userId, string? token)
    {
        var (user, decoded) = await ReadAsync(userId, token);
        return user is not null && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, decoded!);
    }

    public async Task<Result<User>> ResetAsync(ResetPasswordRequest request, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(request);
        var (user, token) = await ReadAsync(request.User, request.Token);
        if (user is null)
        {
            return Result<User>.Invalid("", InvalidLink);
        }
        await users.ValidatePasswordAsync(user, request.NewPassword, nameof(request.NewPassword), errors);
        if (errors.Count > 0)
        {
            return Result<User>.Invalid(errors);
        }
        var result = await users.ResetPasswordAsync(user, token!, request.NewPassword!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == "InvalidToken")
                ? Result<User>.Invalid("", InvalidLink)
                : Result<User>.Invalid(FieldErrors.FromIdentity(result, nameof(request.NewPassword)));
        }
        // Whoever reset the password proved they own the mailbox: earlier failed attempts no longer count.
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        return Result<User>.Ok(user);
    }

    private async Task<(User? User, string? Token)> ReadAsync(string? userId, string? token)
    {
        if (!Guid.TryParse(userId, out var id) || string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return (null, null);
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return (null, null);
        }
        var user = await users.FindByIdAsync(id.ToString());
        return user is { IsActive: true } ? (user, decoded) : (null, null);
    }
}
