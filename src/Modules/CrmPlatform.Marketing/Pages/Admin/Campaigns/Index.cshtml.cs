using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Marketing.Pages.Admin.Campaigns;

[Authorize(Policy = "Campaigns.ViewAnalytics")]
public sealed class CampaignsIndexModel(CampaignQueries queries) : PageModel
{
    [FromQuery] public string? Search { get; set; }
    [FromQuery] public string? Status { get; set; }
    [FromQuery] public string? Cursor { get; set; }
    public CursorPage<CampaignListItem> Listing { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        CampaignStatus? status = EnumNames.TryParse<CampaignStatus>(Status, out var s) ? s : null;
        var page = await queries.ListAsync(Search?[..Math.Min(Search.Length, 200)], status, Cursor, 50, ct);
        if (page is null)
        {
            // A stale or edited cursor starts the list again rather than failing.
            page = await queries.ListAsync(Search?[..Math.Min(Search.Length, 200)], status, null, 50, ct);
        }
        Listing = page!;
        return Page();
    }
}
