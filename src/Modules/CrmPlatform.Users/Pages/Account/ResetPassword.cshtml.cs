using CrmPlatform.Core.Api;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CrmPlatform.Users.Pages.Account;

[AllowAnonymous, EnableRateLimiting(CrmServiceCollectionExtensions.SignInRateLimit)]
internal sealed class ResetPasswordModel(PasswordResetHandler reset) : PageModel
{
    [BindProperty]
    public ResetPasswordRequest Input { get; set; } = new();

    public bool LinkValid { get; private set; } = true;

    public bool Done { get; private set; }

    public async Task OnGetAsync(string? user, string? token)
    {
        Input = new ResetPasswordRequest { User = user, Token = token };
        LinkValid = await reset.IsValidAsync(user, token);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await reset.ResetAsync(Input, ct);
        if (!result.Succeeded)
        {
            LinkValid = !(result.Errors.TryGetValue("", out var general) && general.Contains(PasswordResetHandler.InvalidLink));
            ModelState.AddErrors(result.Errors.Where(e => e.Key is not (nameof(Input.User) or nameof(Input.Token))).ToDictionary());
            Input.NewPassword = Input.ConfirmPassword = null;
            return Page();
        }
        Done = true;
        return Page();
    }
}
