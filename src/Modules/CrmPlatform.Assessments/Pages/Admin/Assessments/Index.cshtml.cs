using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Assessments.Pages.Admin.Assessments;

[Authorize(Policy = "Assessments.Manage")]
public sealed class AssessmentsIndexModel(AssessmentQueries queries, AssessmentCommands commands) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public bool Deleted { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public AssessmentFilter Filter => new(Search, Deleted, Cursor);
    public CursorPage<AssessmentListItem> Listing { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var result = await queries.ListAsync(Filter, ct);
        Listing = result.Value ?? new([], null);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid assessmentId, CancellationToken ct)
    {
        TempData["Status"] = await commands.DeleteAsync(assessmentId, ct) ? "Assessment deleted. It can be restored from the Deleted list." : null;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid assessmentId, CancellationToken ct)
    {
        TempData["Status"] = await commands.RestoreAsync(assessmentId, ct) ? "Assessment restored." : null;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDuplicateAsync(Guid assessmentId, CancellationToken ct)
    {
        var result = await commands.DuplicateAsync(assessmentId, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        TempData["Status"] = "Copy created (private and inactive).";
        return Redirect($"/admin/assessments/edit/{result.Value!.Id}");
    }
}
