using CrmPlatform.Core.Hosting;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace CrmPlatform.Users.Pages.Account;

[AllowAnonymous, EnableRateLimiting(CrmServiceCollectionExtensions.SignInRateLimit)]
internal sealed class ForgotPasswordModel(PasswordResetHandler reset, IConfiguration configuration) : PageModel
{
    [BindProperty]
    public ForgotPasswordRequest Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        // Links point at the configured public address when there is one, so a forged Host header cannot redirect them.
        var baseUrl = configuration["Site:BaseUrl"] is { Length: > 0 } configured ? configured : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        var result = await reset.RequestAsync(Input, baseUrl, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }
        Sent = true;
        return Page();
    }
}
