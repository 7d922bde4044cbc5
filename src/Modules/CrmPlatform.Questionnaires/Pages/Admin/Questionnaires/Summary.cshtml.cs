using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Questionnaires.Pages.Admin.Questionnaires;

[Authorize(Policy = "Questionnaires.ViewResponses")]
public sealed class QuestionnaireSummaryModel(ResponseSummaries summaries, PermissionService permissions, CrmDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery] public DateOnly? From { get; set; }
    [FromQuery] public DateOnly? To { get; set; }
    [FromQuery] public Guid? CategoryId { get; set; }
    [FromQuery] public string? Search { get; set; }

    public QuestionnaireSummary Summary { get; private set; } = null!;
    public ResponseFilterForm FilterForm { get; private set; } = null!;
    public bool CanExport { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        FilterForm = new ResponseFilterForm(From, To, CategoryId, Search, true, await ResponseFilterForm.CategoriesAsync(db, ct));
        var summary = await summaries.GetAsync(Id, FilterForm.Filter, Search, ct);
        if (summary is null)
        {
            return NotFound();
        }
        Summary = summary;
        CanExport = await permissions.HasAsync(User, QuestionnairesPermissions.Export.Name, ct);
        return Page();
    }
}
