using CrmPlatform.Assessments.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

/// <summary>
/// Questions and options of the builder. Past responses keep snapshots of what they were scored with, so text and
/// points may change freely; what would orphan an answer (deleting an answered question or option, changing an
/// answered question's type) is refused with a message (docs/decisions/0005-assessment-response-snapshots.md).
/// </summary>
public sealed class QuestionCommands(CrmDbContext db, AssessmentDefinitions definitions)
{
    public const string AnsweredMessage = "It has answers in past responses: duplicate the assessment to change it this way.";

    public async Task<Result<QuestionDto>> AddAsync(Guid assessmentId, QuestionInput input, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().FirstOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null)
        {
            return Result<QuestionDto>.NotFound();
        }
        var errors = RequestValidator.Validate(input);
        if (errors.Count > 0)
        {
            return Result<QuestionDto>.Invalid(errors);
        }
        var last = await db.Set<AssessmentQuestion>().Where(q => q.AssessmentId == assessmentId).MaxAsync(q => (int?)q.SortOrder, ct) ?? -1;
        var question = new AssessmentQuestion
        {
            AssessmentId = assessmentId,
            Question = input.Question.Trim(),
            Type = input.Type,
            Points = input.Points,
            SortOrder = input.SortOrder ?? last + 1,
        };
        var options = input.Options ?? [];
        if (options.Count == 0 && input.Type == QuestionType.TrueFalse)
        {
            options = [new OptionInput { Text = "True", IsCorrect = true }, new OptionInput { Text = "False" }];
        }
        for (var i = 0; i < options.Count; i++)
        {
            question.Options.Add(NewOption(options[i], options[i].SortOrder ?? i));
        }
        db.Add(question);
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(assessment.PublicUrl);
        return Result<QuestionDto>.Ok(AssessmentQueries.ToDto(question, 0));
    }

    public async Task<Result<QuestionDto>> UpdateAsync(Guid assessmentId, Guid questionId, QuestionInput input, CancellationToken ct)
    {
        var question = await FindAsync(assessmentId, questionId, ct);
        if (question is null)
        {
            return Result<QuestionDto>.NotFound();
        }
        input.Options = null; // options are edited one by one
        var errors = RequestValidator.Validate(input);
        var answers = await AnswerCountAsync(questionId, ct);
        if (input.Type != question.Type && answers > 0)
        {
            errors[nameof(QuestionInput.Type)] = ["The type cannot change. " + AnsweredMessage];
        }
        if (errors.Count > 0)
        {
            return Result<QuestionDto>.Invalid(errors);
        }
        question.Question = input.Question.Trim();
        question.Type = input.Type;
        question.Points = input.Points;
        question.SortOrder = input.SortOrder ?? question.SortOrder;
        if (question.Type is QuestionType.Subjective or QuestionType.RatingScale)
        {
            db.RemoveRange(question.Options);
        }
        await SaveAsync(question, ct);
        return Result<QuestionDto>.Ok(AssessmentQueries.ToDto(question, answers));
    }

    public async Task<Result<bool>> DeleteAsync(Guid assessmentId, Guid questionId, CancellationToken ct)
    {
        var question = await FindAsync(assessmentId, questionId, ct);
        if (question is null)
        {
            return Result<bool>.NotFound();
        }
        if (await AnswerCountAsync(questionId, ct) > 0)
        {
            return Result<bool>.Conflict("question", "The question cannot be deleted. " + AnsweredMessage);
        }
        db.Remove(question);
        await SaveAsync(question, ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Puts the questions in the given order (drag and drop); ids not listed keep their relative order after them.</summary>
    public async Task<Result<bool>> ReorderAsync(Guid assessmentId, IReadOnlyList<Guid> order, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().Include(a => a.Questions).FirstOrDefaultAsync(a => a.Id == assessmentId, ct);
        if (assessment is null)
        {
            return Result<bool>.NotFound();
        }
        var sorted = assessment.Questions.OrderBy(q => order.Contains(q.Id) ? order.ToList().IndexOf(q.Id) : int.MaxValue).ThenBy(q => q.SortOrder).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            sorted[i].SortOrder = i;
        }
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(assessment.PublicUrl);
        return Result<bool>.Ok(true);
    }

    /// <summary>Moves a question one place up (-1) or down (+1): the keyboard fallback of drag and drop.</summary>
    public async Task<Result<bool>> MoveAsync(Guid assessmentId, Guid questionId, int direction, CancellationToken ct)
    {
        var ids = await db.Set<AssessmentQuestion>().Where(q => q.AssessmentId == assessmentId)
            .OrderBy(q => q.SortOrder).ThenBy(q => q.Id).Select(q => q.Id).ToListAsync(ct);
        var index = ids.IndexOf(questionId);
        if (index < 0)
        {
            return Result<bool>.NotFound();
        }
        var target = Math.Clamp(index + Math.Sign(direction), 0, ids.Count - 1);
        (ids[index], ids[target]) = (ids[target], ids[index]);
        return await ReorderAsync(assessmentId, ids, ct);
    }

    public async Task<Result<OptionDto>> AddOptionAsync(Guid assessmentId, Guid questionId, OptionInput input, CancellationToken ct)
    {
        var question = await FindAsync(assessmentId, questionId, ct);
        if (question is null)
        {
            return Result<OptionDto>.NotFound();
        }
        var errors = RequestValidator.Validate(input);
        if (question.Type is QuestionType.Subjective or QuestionType.RatingScale)
        {
            errors["question"] = ["Only multiple-choice and true/false questions have options."];
        }
        if (errors.Count > 0)
        {
            return Result<OptionDto>.Invalid(errors);
        }
        var option = NewOption(input, input.SortOrder ?? (question.Options.Count == 0 ? 0 : question.Options.Max(o => o.SortOrder) + 1));
        option.QuestionId = question.Id;
        db.Add(option);
        await SaveAsync(question, ct);
        return Result<OptionDto>.Ok(AssessmentQueries.ToDto(option));
    }

    public async Task<Result<OptionDto>> UpdateOptionAsync(Guid assessmentId, Guid questionId, Guid optionId, OptionInput input, CancellationToken ct)
    {
        var question = await FindAsync(assessmentId, questionId, ct);
        var option = question?.Options.FirstOrDefault(o => o.Id == optionId);
        if (question is null || option is null)
        {
            return Result<OptionDto>.NotFound();
        }
        var errors = RequestValidator.Validate(input);
        if (errors.Count > 0)
        {
            return Result<OptionDto>.Invalid(errors);
        }
        option.Text = input.Text.Trim();
        option.Points = input.Points;
        option.IsCorrect = input.IsCorrect;
        option.SortOrder = input.SortOrder ?? option.SortOrder;
        option.DimensionPoints = AssessmentQuestionOption.FormatDimensions(input.Dimensions);
        await SaveAsync(question, ct);
        return Result<OptionDto>.Ok(AssessmentQueries.ToDto(option));
    }

    public async Task<Result<bool>> DeleteOptionAsync(Guid assessmentId, Guid questionId, Guid optionId, CancellationToken ct)
    {
        var question = await FindAsync(assessmentId, questionId, ct);
        var option = question?.Options.FirstOrDefault(o => o.Id == optionId);
        if (question is null || option is null)
        {
            return Result<bool>.NotFound();
        }
        if (await db.Set<AssessmentResponseAnswer>().AnyAsync(a => a.OptionId == optionId, ct))
        {
            return Result<bool>.Conflict("option", "The option cannot be deleted. " + AnsweredMessage);
        }
        db.Remove(option);
        await SaveAsync(question, ct);
        return Result<bool>.Ok(true);
    }

    private static AssessmentQuestionOption NewOption(OptionInput input, int sortOrder) => new()
    {
        Text = input.Text.Trim(),
        Points = input.Points,
        IsCorrect = input.IsCorrect,
        SortOrder = sortOrder,
        DimensionPoints = AssessmentQuestionOption.FormatDimensions(input.Dimensions),
    };

    private Task<AssessmentQuestion?> FindAsync(Guid assessmentId, Guid questionId, CancellationToken ct) =>
        db.Set<AssessmentQuestion>().Include(q => q.Options).Include(q => q.Assessment)
            .FirstOrDefaultAsync(q => q.Id == questionId && q.AssessmentId == assessmentId && q.Assessment!.DeletedAt == null, ct);

    private Task<int> AnswerCountAsync(Guid questionId, CancellationToken ct) =>
        db.Set<AssessmentResponseAnswer>().CountAsync(a => a.QuestionId == questionId, ct);

    private async Task SaveAsync(AssessmentQuestion question, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(question.Assessment!.PublicUrl);
    }
}
