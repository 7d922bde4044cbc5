using CrmPlatform.Core.Security;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Users.Pages.Account;

[Authorize(Policy = "Api.Use")]
internal sealed class TokensModel(PersonalTokens tokens, ICurrentUser current) : PageModel
{
    [BindProperty]
    public CreateTokenRequest Input { get; set; } = new();

    public IReadOnlyList<TokenDto> Tokens { get; private set; } = [];

    /// <summary>Set only in the response to creating a token: the secret is shown this once and never stored.</summary>
    public CreatedTokenDto? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(current.Id!.Value, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var result = await tokens.CreateAsync(current.Id!.Value, Input, ct);
        if (result.Succeeded)
        {
            Created = result.Value;
            Input = new();
        }
        else
        {
            ModelState.AddErrors(result.Errors);
        }
        // Rendered, not redirected: the secret must not travel through TempData or a URL.
        Response.Headers.CacheControl = "no-store";
        Tokens = await tokens.ListAsync(current.Id!.Value, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (!await tokens.RevokeAsync(current.Id!.Value, id, ct))
        {
            return NotFound();
        }
        TempData["Status"] = "The token is revoked.";
        return Redirect("/account/tokens");
    }
}
