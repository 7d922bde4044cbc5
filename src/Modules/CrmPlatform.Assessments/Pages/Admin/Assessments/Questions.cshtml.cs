using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Assessments.Pages.Admin.Assessments;

[Authorize(Policy = "Assessments.Manage")]
public sealed class AssessmentQuestionsModel(AssessmentQueries queries, QuestionCommands commands) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public AssessmentDto Assessment { get; private set; } = null!;

    public sealed class OptionForm
    {
        public string? Text { get; set; }
        public int Points { get; set; }
        public bool IsCorrect { get; set; }
        public string? Dimensions { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var dto = await queries.GetAsync(Id, ct);
        if (dto is null)
        {
            return NotFound();
        }
        Assessment = dto;
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
    public async Task<IActionResult> OnPostReorderAsync([FromForm] List<Guid> order, CancellationToken ct)
    {
        var result = await commands.ReorderAsync(Id, order, ct);
        return result.Succeeded ? new NoContentResult() : NotFound();
    }

    public async Task<IActionResult> OnPostAddOptionAsync(Guid questionId, OptionForm option, CancellationToken ct) =>
        Done(await commands.AddOptionAsync(Id, questionId, ToInput(option), ct), "Option added.");

    public async Task<IActionResult> OnPostUpdateOptionAsync(Guid questionId, Guid optionId, OptionForm option, CancellationToken ct) =>
        Done(await commands.UpdateOptionAsync(Id, questionId, optionId, ToInput(option), ct), "Option saved.");

    public async Task<IActionResult> OnPostDeleteOptionAsync(Guid questionId, Guid optionId, CancellationToken ct) =>
        Done(await commands.DeleteOptionAsync(Id, questionId, optionId, ct), "Option deleted.");

    private OptionInput ToInput(OptionForm form)
    {
        var input = new OptionInput { Text = form.Text ?? "", Points = form.Points, IsCorrect = form.IsCorrect, Dimensions = DimensionText.Parse(form.Dimensions, out var error) };
        if (error is not null)
        {
            input.Dimensions = new Dictionary<string, int> { [""] = 0 };
        }
        return input;
    }

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
