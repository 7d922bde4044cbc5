using CrmPlatform.Assessments.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Assessments.Pages.Admin.Assessments;

[Authorize(Policy = "Assessments.Grade")]
public sealed class AssessmentGradingModel(Grading grading) : PageModel
{
    [FromQuery] public Guid? AssessmentId { get; set; }
    public IReadOnlyList<GradingItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await grading.QueueAsync(AssessmentId, 100, ct);

    public async Task<IActionResult> OnPostAsync(Guid answerId, int points, CancellationToken ct)
    {
        var result = await grading.GradeAsync(answerId, new GradeRequest(points), ct);
        if (result.Kind == CrmPlatform.Core.Api.ResultKind.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Status"] = $"Graded: the response now scores {result.Value!.TotalScore} / {result.Value.MaxScore} ({result.Value.Percentage:0.##}%).";
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }
        return RedirectToPage();
    }
}
