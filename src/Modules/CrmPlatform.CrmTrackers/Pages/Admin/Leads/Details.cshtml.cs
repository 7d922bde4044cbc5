using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Leads;

/// <summary>The lead page: contact, fields, notes, status history; status, assignment and note actions post here.</summary>
[Authorize(Policy = "Leads.View")]
internal sealed class LeadDetailsModel(LeadDetailsQuery query, LeadActions actions, LeadNotes notes, LeadPickers pickers, LeadAccess access) : PageModel
{
    public LeadDetails Details { get; private set; } = default!;
    public bool CanEdit { get; private set; }
    public bool CanDelete { get; private set; }
    public IReadOnlyList<UserOption>? Assignees { get; private set; }
    public string? NoteError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await ShowAsync(id, ct);

    public async Task<IActionResult> OnPostStatusAsync(Guid id, string? status, CancellationToken ct)
    {
        if (!await access.HasAsync(CrmTrackersPermissions.Edit, ct))
        {
            return Forbid();
        }
        return Done(id, await actions.ChangeStatusAsync(id, status, ct), "Status changed.");
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid? assignedToId, CancellationToken ct)
    {
        if (!await access.HasAsync(CrmTrackersPermissions.Assign, ct))
        {
            return Forbid();
        }
        return Done(id, await actions.AssignAsync(id, assignedToId, ct), "Assignment changed.");
    }

    public async Task<IActionResult> OnPostAddNoteAsync(Guid id, string? content, CancellationToken ct)
    {
        if (!await access.HasAsync(CrmTrackersPermissions.Edit, ct))
        {
            return Forbid();
        }
        var result = await notes.AddAsync(id, new LeadNoteInput { Content = content }, ct);
        if (result.Kind == Core.Api.ResultKind.Invalid)
        {
            NoteError = string.Join(" ", result.Errors.SelectMany(e => e.Value));
            return await ShowAsync(id, ct);
        }
        return Done(id, result, "Note added.");
    }

    public async Task<IActionResult> OnPostEditNoteAsync(Guid id, Guid noteId, string? content, CancellationToken ct)
    {
        if (!await access.HasAsync(CrmTrackersPermissions.Edit, ct))
        {
            return Forbid();
        }
        return Done(id, await notes.UpdateAsync(id, noteId, new LeadNoteInput { Content = content }, ct), "Note saved.");
    }

    public async Task<IActionResult> OnPostDeleteNoteAsync(Guid id, Guid noteId, CancellationToken ct)
    {
        if (!await access.HasAsync(CrmTrackersPermissions.Edit, ct))
        {
            return Forbid();
        }
        return await notes.DeleteAsync(id, noteId, ct) ? Done(id, "Note deleted.") : NotFound();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!await access.HasAsync(CrmTrackersPermissions.Delete, ct))
        {
            return Forbid();
        }
        var trackerId = (await query.GetAsync(id, ct))?.TrackerId;
        if (trackerId is null || !await actions.DeleteAsync(id, ct))
        {
            return NotFound();
        }
        TempData["Status"] = "Lead deleted. It can be restored from the deleted leads list.";
        return Redirect($"/admin/trackers/{trackerId}/leads");
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        if (await query.DetailsAsync(id, ct) is not { } details)
        {
            return NotFound();
        }
        Details = details;
        CanEdit = await access.HasAsync(CrmTrackersPermissions.Edit, ct);
        CanDelete = await access.HasAsync(CrmTrackersPermissions.Delete, ct);
        Assignees = await access.HasAsync(CrmTrackersPermissions.Assign, ct) ? await pickers.AssigneesAsync(ct) : null;
        return Page();
    }

    private IActionResult Done<T>(Guid id, Core.Api.Result<T> result, string message)
    {
        if (result.Kind == Core.Api.ResultKind.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Status"] = message;
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }
        return Redirect($"/admin/leads/{id}");
    }

    private RedirectResult Done(Guid id, string message)
    {
        TempData["Status"] = message;
        return Redirect($"/admin/leads/{id}");
    }
}
