using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Settings;
using CrmPlatform.Core.Users;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Users.Pages.Account;

/// <summary>The signed-in user's authenticator app: enrol, new recovery codes, switch off. Open to every role.</summary>
[Authorize]
internal sealed class TwoFactorModel(TwoFactorHandler twoFactor, SignInManager<User> signIn, SiteSettingsService settings, ICurrentUser current) : PageModel
{
    public sealed class EnableInput
    {
        [Display(Name = "Code from the app"), StringLength(16)]
        public string? Code { get; set; }
    }

    [BindProperty]
    public EnableInput Input { get; set; } = new();

    public AuthenticatorSetup Setup { get; private set; } = default!;

    /// <summary>Recovery codes just generated: shown on this response only, never again.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        var result = await twoFactor.EnableAsync(current.Id!.Value, Input.Code, ct);
        return await ShowCodesAsync(result, ct);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        var result = await twoFactor.NewRecoveryCodesAsync(current.Id!.Value, ct);
        return await ShowCodesAsync(result, ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var result = await twoFactor.DisableAsync(current.Id!.Value, ct);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            await LoadAsync(ct);
            return Page();
        }
        await signIn.RefreshSignInAsync(result.Value!);
        TempData["Status"] = "Two-factor sign-in is off.";
        return Redirect("/account/two-factor");
    }

    private async Task<IActionResult> ShowCodesAsync(Result<IReadOnlyList<string>> result, CancellationToken ct)
    {
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            await LoadAsync(ct);
            return Page();
        }
        // The stamp changed (other sessions end); keep this one, with the two-factor claim it now has.
        var user = await signIn.UserManager.FindByIdAsync(current.Id!.Value.ToString());
        await signIn.RefreshSignInAsync(user!);
        NewRecoveryCodes = result.Value!;
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var siteName = (await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, ct)).SiteName;
        var setup = await twoFactor.GetSetupAsync(current.Id!.Value, siteName, ct);
        if (setup is null)
        {
            return false;
        }
        Setup = setup;
        if (setup.KeyIssued)
        {
            await signIn.RefreshSignInAsync((await signIn.UserManager.FindByIdAsync(current.Id!.Value.ToString()))!);
        }
        return true;
    }
}
