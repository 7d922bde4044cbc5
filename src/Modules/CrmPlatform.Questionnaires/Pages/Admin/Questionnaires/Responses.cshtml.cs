using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Questionnaires.Pages.Admin.Questionnaires;

[Authorize(Policy = "Questionnaires.ViewResponses")]
public sealed class QuestionnaireResponsesModel(QuestionnaireQueries queries, ResponseQueries responses, PermissionService permissions, CrmDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [FromQuery] public DateOnly? From { get; set; }
    [FromQuery] public DateOnly? To { get; set; }
    [FromQuery] public Guid? CategoryId { get; set; }
    [FromQuery] public string? Cursor { get; set; }

    public QuestionnaireDto Questionnaire { get; private set; } = null!;
    public ResponseFilterForm FilterForm { get; private set; } = null!;
    public CursorPage<ResponseDetail> Listing { get; private set; } = new([], null);
    public bool CanExport { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var dto = await queries.GetAsync(Id, ct);
        if (dto is null)
        {
            return NotFound();
        }
        Questionnaire = dto;
        FilterForm = new ResponseFilterForm(From, To, CategoryId, null, false, await ResponseFilterForm.CategoriesAsync(db, ct));
        Listing = (await responses.ListAsync(Id, FilterForm.Filter, Cursor, 20, ct)).Value ?? new([], null);
        CanExport = await permissions.HasAsync(User, QuestionnairesPermissions.Export.Name, ct);
        return Page();
    }
}
