using CrmPlatform.Core.Api;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Questionnaires.Pages.Admin.Questionnaires;

[Authorize(Policy = "Questionnaires.Manage")]
public sealed class QuestionnaireQuestionsModel(QuestionnaireQueries queries, QuestionCommands commands) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public QuestionnaireDto Questionnaire { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var dto = await queries.GetAsync(Id, ct);
        if (dto is null)
        {
            return NotFound();
        }
        Questionnaire = dto;
        return Page();
    }

    public async Task<IActionResult> OnPostAddQuestionAsync(QuestionInput question, CancellationToken ct) =>
        Done(await commands.AddAsync(Id, question, ct), "Question added.");

    public async Task<IActionResult> OnPostUpdateQuestionAsync(Guid questionId, QuestionInput question, CancellationToken ct) =>
        Done(await commands.UpdateAsync(Id, questionId, question, ct), "Question saved.");

    public async Task<IActionResult> OnPostDeleteQuestionAsync(Guid questionId, CancellationToken ct) =>
        Done(await commands.DeleteAsync(Id, questionId, ct), "Question deleted.");

    public async Task<IActionResult> OnPostMoveAsync(Guid questionId, int direction, CancellationToken ct) =>
        Done(await commands.MoveAsync(Id, questionId, direction, ct), null);

    /// <summary>Drag and drop: the script posts the new order of question ids.</summary>
    public async Task<IActionResult> OnPostReorderAsync([FromForm] List<Guid> order, CancellationToken ct) =>
        (await commands.ReorderAsync(Id, order, ct)).Succeeded ? new NoContentResult() : NotFound();

    public async Task<IActionResult> OnPostAddOptionAsync(Guid questionId, OptionInput option, CancellationToken ct) =>
        Done(await commands.AddOptionAsync(Id, questionId, option, ct), "Option added.");

    public async Task<IActionResult> OnPostUpdateOptionAsync(Guid questionId, Guid optionId, OptionInput option, CancellationToken ct) =>
        Done(await commands.UpdateOptionAsync(Id, questionId, optionId, option, ct), "Option saved.");

    public async Task<IActionResult> OnPostDeleteOptionAsync(Guid questionId, Guid optionId, CancellationToken ct) =>
        Done(await commands.DeleteOptionAsync(Id, questionId, optionId, ct), "Option deleted.");

    private IActionResult Done<T>(Result<T> result, string? status)
    {
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            TempData["Status"] = status;
        }
        else
        {
            TempData["Error"] = string.Join(" ", result.Errors.SelectMany(e => e.Value));
        }
        return RedirectToPage(new { id = Id });
    }
}
