using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Trackers;

[Authorize(Policy = "Leads.View")]
internal sealed class TrackersIndexModel(Features.Trackers trackers, LeadAccess access) : PageModel
{
    public IReadOnlyList<TrackerDto> Trackers { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanManage = await access.HasAsync(CrmTrackersPermissions.ManageTrackers, ct);
        Trackers = await trackers.ListAsync(activeOnly: !CanManage, ct);
    }
}

/// <summary>The header shared by a tracker's board, list and report.</summary>
public sealed record TrackerNav(TrackerDto Tracker, string Active);
