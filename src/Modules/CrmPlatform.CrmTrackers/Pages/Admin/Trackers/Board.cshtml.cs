using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Trackers;

[Authorize(Policy = "Leads.View")]
internal sealed class BoardModel(Board board, LeadActions actions, LeadAccess access) : PageModel
{
    public BoardDto Board { get; private set; } = default!;
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await board.GetAsync(id, Features.Board.DefaultPerColumn, ct) is not { } dto)
        {
            return NotFound();
        }
        Board = dto;
        CanEdit = await access.HasAsync(CrmTrackersPermissions.Edit, ct);
        return Page();
    }

    /// <summary>A card moved: from board.js (answers 204 or a problem) or from the card's status form (redirects back).</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid leadId, string? status, CancellationToken ct)
    {
        if (!await access.HasAsync(CrmTrackersPermissions.Edit, ct))
        {
            return Forbid();
        }
        var result = await actions.ChangeStatusAsync(leadId, status, ct);
        var fromScript = Request.Headers["X-Requested-With"] == "fetch";
        if (result.Kind == Core.Api.ResultKind.NotFound)
        {
            return NotFound();
        }
        if (!result.Succeeded)
        {
            if (fromScript)
            {
                return BadRequest(new ValidationProblemDetails(result.Errors.ToDictionary()));
            }
            TempData["Error"] = string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }
        return fromScript ? new NoContentResult() : Redirect($"/admin/trackers/{id}/board");
    }
}
