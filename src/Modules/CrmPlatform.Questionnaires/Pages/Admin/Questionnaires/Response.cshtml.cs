using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Questionnaires.Pages.Admin.Questionnaires;

[Authorize(Policy = "Questionnaires.ViewResponses")]
public sealed class QuestionnaireResponseModel(ResponseQueries responses) : PageModel
{
    public ResponseDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid responseId, CancellationToken ct)
    {
        var detail = await responses.GetAsync(responseId, ct);
        if (detail is null)
        {
            return NotFound();
        }
        Detail = detail;
        return Page();
    }
}
