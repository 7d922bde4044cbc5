using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Sending;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Marketing.Pages.Admin.Campaigns;

/// <summary>The channels' settings: SMTP server (or pickup folder), SMS/WhatsApp provider, public link base, rates.</summary>
[Authorize(Policy = "Campaigns.ManageSettings")]
public sealed class MarketingSettingsModel(MarketingSettingsProvider settings, CrmDbContext db) : PageModel
{
    [BindProperty] public MarketingSettings Input { get; set; } = new();
    public bool HasPassword { get; private set; }
    public bool HasToken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = await settings.GetAsync(ct);
        HasPassword = !string.IsNullOrEmpty(Input.SmtpPassword);
        HasToken = !string.IsNullOrEmpty(Input.TwilioAuthToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        // Secrets are never sent back to the browser: an empty field keeps the stored value.
        if (string.IsNullOrEmpty(Input.SmtpPassword))
        {
            Input.SmtpPassword = current.SmtpPassword;
        }
        if (string.IsNullOrEmpty(Input.TwilioAuthToken))
        {
            Input.TwilioAuthToken = current.TwilioAuthToken;
        }
        Input.SmtpHost = string.IsNullOrWhiteSpace(Input.SmtpHost) ? null : Input.SmtpHost.Trim();
        ModelState.ClearValidationState(nameof(Input));
        if (!TryValidateModel(Input, nameof(Input)))
        {
            HasPassword = !string.IsNullOrEmpty(Input.SmtpPassword);
            HasToken = !string.IsNullOrEmpty(Input.TwilioAuthToken);
            return Page();
        }
        await settings.SaveAsync(db, Input, ct);
        TempData["Status"] = "Marketing settings saved.";
        return RedirectToPage();
    }
}
