using CrmPlatform.Marketing.Tracking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Marketing.Pages.Public;

/// <summary>
/// <c>/m/u/{token}</c>: GET shows a confirmation button (mail scanners follow links, so a GET never unsubscribes); POST
/// unsubscribes — from that button or from a mail client's RFC 8058 one-click request
/// (<c>List-Unsubscribe=One-Click</c>), which carries no antiforgery token: the signed token is the authorisation.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(TrackingService tracking) : PageModel
{
    [FromRoute] public string Token { get; set; } = "";
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await tracking.IsValidUnsubscribeAsync(Token, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var oneClick = Request.HasFormContentType && (await Request.ReadFormAsync(ct))["List-Unsubscribe"] == "One-Click";
        if (!await tracking.UnsubscribeAsync(Token, oneClick ? "one-click" : "link", ct))
        {
            return NotFound();
        }
        if (oneClick)
        {
            return new OkResult();
        }
        Done = true;
        return Page();
    }
}
