using CrmPlatform.Assessments.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Assessments.Pages.Admin.Assessments;

[Authorize(Policy = "Assessments.ViewResponses")]
public sealed class AssessmentResponseModel(ResponseQueries queries) : PageModel
{
    public ResponseDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var detail = await queries.GetAsync(id, ct);
        if (detail is null)
        {
            return NotFound();
        }
        Detail = detail;
        return Page();
    }
}
