using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Assessments.Pages.Admin.Assessments;

[Authorize(Policy = "Assessments.ViewResponses")]
public sealed class AssessmentResultsModel(AssessmentQueries queries, ResponseQueries responses, PermissionService permissions) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery] public string? Cursor { get; set; }

    public AssessmentDto Assessment { get; private set; } = null!;
    public ResultStats Stats { get; private set; } = null!;
    public CursorPage<ResponseListItem> Listing { get; private set; } = new([], null);
    public bool CanExport { get; private set; }
    public string ScoreChart { get; private set; } = "";
    public string TypeChart { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var dto = await queries.GetAsync(Id, ct);
        if (dto is null)
        {
            return NotFound();
        }
        Assessment = dto;
        Stats = await responses.StatsAsync(Id, ct);
        Listing = (await responses.ListAsync(Id, Cursor, null, ct)).Value ?? new([], null);
        CanExport = await permissions.HasAsync(User, AssessmentsPermissions.Export.Name, ct);
        ScoreChart = ResultCharts.Scores(Stats);
        TypeChart = ResultCharts.Types(Stats);
        return Page();
    }
}
