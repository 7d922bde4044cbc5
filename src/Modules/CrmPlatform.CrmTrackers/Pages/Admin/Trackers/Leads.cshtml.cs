using CrmPlatform.CrmTrackers.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Trackers;

[Authorize(Policy = "Leads.View")]
internal sealed class LeadListModel(Features.Trackers trackers, LeadSearch search, LeadPickers pickers, LeadAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public LeadFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ContactEmail { get; set; }

    public TrackerDto Tracker { get; private set; } = default!;
    public CursorPage<LeadDto> Results { get; private set; } = new([], null);
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyList<UserOption> Assignees { get; private set; } = [];
    public bool CanExport { get; private set; }
    public bool CanDelete { get; private set; }
    public string ExportUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await trackers.GetAsync(id, ct) is not { } tracker)
        {
            return NotFound();
        }
        Tracker = tracker;
        Filter.TrackerId = id;
        Assignees = await access.ViewAllAsync(ct) ? await pickers.AssigneesAsync(ct) : [];
        CanExport = await access.HasAsync(CrmTrackersPermissions.Export, ct);
        CanDelete = await access.HasAsync(CrmTrackersPermissions.Delete, ct);
        ExportUrl = "/admin/trackers/" + id + "/leads?handler=Export&" + Request.QueryString.Value?.TrimStart('?');
        if (!string.IsNullOrWhiteSpace(ContactEmail))
        {
            // An unknown email matches nothing rather than everything.
            Filter.ContactId = (await pickers.ContactByEmailAsync(ContactEmail, ct))?.Id ?? Guid.Empty;
        }
        var result = await search.SearchAsync(Filter, ct);
        if (result.Succeeded)
        {
            Results = result.Value!;
        }
        else
        {
            Errors = result.Errors;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, Guid leadId, [FromServices] LeadActions actions, CancellationToken ct)
    {
        if (!await access.HasAsync(CrmTrackersPermissions.Delete, ct))
        {
            return Forbid();
        }
        if (!await actions.RestoreAsync(leadId, ct))
        {
            return NotFound();
        }
        TempData["Status"] = "Lead restored.";
        return Redirect($"/admin/leads/{leadId}");
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, [FromServices] LeadExport export, CancellationToken ct)
    {
        if (!await access.HasAsync(CrmTrackersPermissions.Export, ct))
        {
            return Forbid();
        }
        Filter.TrackerId = id;
        Filter.Cursor = null;
        if (!string.IsNullOrWhiteSpace(ContactEmail))
        {
            Filter.ContactId = (await pickers.ContactByEmailAsync(ContactEmail, ct))?.Id ?? Guid.Empty;
        }
        var result = await export.ExportAsync(Filter, ct);
        return result.Succeeded ? File(result.Value!, "text/csv; charset=utf-8", "leads.csv") : BadRequest();
    }
}
