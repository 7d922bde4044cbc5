using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Users;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CrmPlatform.Users.Pages.Account;

/// <summary>
/// The second sign-in step: a code from the authenticator app, or one of the recovery codes. Wrong codes count
/// towards the account's lockout like wrong passwords, and the step shares the sign-in rate limit.
/// </summary>
[AllowAnonymous, EnableRateLimiting(CrmServiceCollectionExtensions.SignInRateLimit)]
public sealed class LoginTwoFactorModel(SignInManager<User> signIn) : PageModel
{
    public sealed class CodeInput
    {
        [Display(Name = "Code from your authenticator app"), StringLength(16)]
        public string? Code { get; set; }

        [Display(Name = "Recovery code"), StringLength(32)]
        public string? RecoveryCode { get; set; }
    }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var code = TwoFactorHandler.Clean(Input.Code);
        if (code.Length is < 6 or > 8 || !code.All(char.IsAsciiDigit))
        {
            ModelState.AddModelError("Input.Code", "Enter the 6-digit code your authenticator app shows.");
            return Page();
        }
        return await FinishAsync(user => signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false));
    }

    public async Task<IActionResult> OnPostRecoveryAsync()
    {
        // Recovery codes are stored as shown (XXXXX-XXXXX): only surrounding and inner spaces are dropped.
        var code = (Input.RecoveryCode ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (code.Length is < 6 or > 32)
        {
            ModelState.AddModelError("Input.RecoveryCode", "Enter one of the recovery codes you saved.");
            return Page();
        }
        return await FinishAsync(async user =>
        {
            // Make sure a wrong recovery code counts towards lockout, whether or not the framework counts it itself.
            var failedBefore = await signIn.UserManager.GetAccessFailedCountAsync(user);
            var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
            if (!result.Succeeded && !result.IsLockedOut && await signIn.UserManager.GetAccessFailedCountAsync(user) == failedBefore)
            {
                await signIn.UserManager.AccessFailedAsync(user);
                if (await signIn.UserManager.IsLockedOutAsync(user))
                {
                    return Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
                }
            }
            return result;
        });
    }

    private async Task<IActionResult> FinishAsync(Func<User, Task<Microsoft.AspNetCore.Identity.SignInResult>> attempt)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The first step expired (a few minutes) or never happened.
            return Redirect("/login");
        }
        var result = await attempt(user);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        ModelState.AddModelError("", result.IsLockedOut
            ? "Too many failed attempts: the account is locked for 15 minutes."
            : "The code is not right. Try the newest code from the app, or a recovery code.");
        return Page();
    }
}
