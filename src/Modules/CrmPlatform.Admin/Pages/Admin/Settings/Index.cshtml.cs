using CrmPlatform.Core.Data;
using CrmPlatform.Core.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Admin.Pages.Admin.Settings;

[Authorize(Policy = "Settings.Manage")]
public sealed class SettingsModel(SiteSettingsService settings, CrmDbContext db) : PageModel
{
    [BindProperty]
    public GeneralSettings Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Input = await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.DefaultPhoneRegion = Input.DefaultPhoneRegion?.Trim().ToUpperInvariant() ?? "";
        ModelState.ClearValidationState(nameof(Input));
        var valid = TryValidateModel(Input, nameof(Input));
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(Input.TimeZone ?? "", out _))
        {
            ModelState.AddModelError("Input.TimeZone", "Choose a time zone from the list.");
            valid = false;
        }
        if (!valid)
        {
            return Page();
        }
        await settings.SetAsync(db, GeneralSettings.Key, Input, ct);
        TempData["Status"] = "Settings saved.";
        return RedirectToPage();
    }
}
