using CrmPlatform.Core.Api;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Questionnaires.Pages.Admin.Questionnaires;

[Authorize(Policy = "Questionnaires.Manage")]
public sealed class QuestionnairesIndexModel(QuestionnaireQueries queries, QuestionnaireCommands commands) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public bool Deleted { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public CursorPage<QuestionnaireListItem> Listing { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken ct) =>
        Listing = (await queries.ListAsync(new QuestionnaireFilter(Search, Deleted, Cursor), ct)).Value ?? new([], null);

    public async Task<IActionResult> OnPostDeleteAsync(Guid questionnaireId, CancellationToken ct)
    {
        TempData["Status"] = await commands.DeleteAsync(questionnaireId, ct) ? "Questionnaire deleted. It can be restored from the Deleted list." : null;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid questionnaireId, CancellationToken ct)
    {
        TempData["Status"] = await commands.RestoreAsync(questionnaireId, ct) ? "Questionnaire restored." : null;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDuplicateAsync(Guid questionnaireId, CancellationToken ct)
    {
        var result = await commands.DuplicateAsync(questionnaireId, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        TempData["Status"] = "Copy created (inactive).";
        return Redirect($"/admin/questionnaires/edit/{result.Value!.Id}");
    }
}
