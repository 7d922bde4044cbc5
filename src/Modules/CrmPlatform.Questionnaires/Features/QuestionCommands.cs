using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>
/// Questions and options of the builder. Answers keep snapshots of the question and option text, so wording may change
/// freely; what would orphan or reinterpret an answer (deleting an answered question or option, changing an answered
/// question's type) is refused with a message. Yes/no questions always have their two options.
/// </summary>
public sealed class QuestionCommands(CrmDbContext db, QuestionnaireDefinitions definitions)
{
    public const string AnsweredMessage = "It has answers in past responses: duplicate the questionnaire to change it this way.";

    public async Task<Result<QuestionDto>> AddAsync(Guid questionnaireId, QuestionInput input, CancellationToken ct)
    {
        var questionnaire = await db.Set<Questionnaire>().FirstOrDefaultAsync(q => q.Id == questionnaireId, ct);
        if (questionnaire is null)
        {
            return Result<QuestionDto>.NotFound();
        }
        var errors = RequestValidator.Validate(input);
        if (errors.Count > 0)
        {
            return Result<QuestionDto>.Invalid(errors);
        }
        var last = await db.Set<QuestionnaireQuestion>().Where(q => q.QuestionnaireId == questionnaireId).MaxAsync(q => (int?)q.SortOrder, ct) ?? -1;
        var question = new QuestionnaireQuestion
        {
            QuestionnaireId = questionnaireId,
            Question = input.Question.Trim(),
            Type = input.Type,
            IsRequired = input.IsRequired,
            HelpText = Clean(input.HelpText),
            SortOrder = input.SortOrder ?? last + 1,
        };
        question.Options.AddRange(DefaultOptions(input.Type, input.Options).Select((o, i) => new QuestionnaireQuestionOption { Text = o.Text.Trim(), SortOrder = o.SortOrder ?? i }));
        db.Add(question);
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(questionnaire.PublicUrl);
        return Result<QuestionDto>.Ok(QuestionnaireQueries.ToDto(question, 0));
    }

    public async Task<Result<QuestionDto>> UpdateAsync(Guid questionnaireId, Guid questionId, QuestionInput input, CancellationToken ct)
    {
        var question = await FindAsync(questionnaireId, questionId, ct);
        if (question is null)
        {
            return Result<QuestionDto>.NotFound();
        }
        input.Options = null; // options are edited one by one
        var errors = RequestValidator.Validate(input);
        var answers = await db.Set<QuestionnaireResponseAnswer>().CountAsync(a => a.QuestionId == questionId, ct);
        if (input.Type != question.Type && answers > 0)
        {
            errors[nameof(QuestionInput.Type)] = ["The type cannot change. " + AnsweredMessage];
        }
        if (errors.Count > 0)
        {
            return Result<QuestionDto>.Invalid(errors);
        }
        if (input.Type != question.Type)
        {
            // Unanswered: the options are rebuilt for the new type (none, Yes/No, or the current ones for choices).
            if (!QuestionnaireQuestion.HasOptions(input.Type) || input.Type == QuestionType.YesNo || question.Type == QuestionType.YesNo)
            {
                db.RemoveRange(question.Options);
                foreach (var (o, i) in DefaultOptions(input.Type, null).Select((o, i) => (o, i)))
                {
                    db.Add(new QuestionnaireQuestionOption { QuestionId = question.Id, Text = o.Text, SortOrder = i });
                }
            }
        }
        question.Question = input.Question.Trim();
        question.Type = input.Type;
        question.IsRequired = input.IsRequired;
        question.HelpText = Clean(input.HelpText);
        question.SortOrder = input.SortOrder ?? question.SortOrder;
        await SaveAsync(question, ct);
        return Result<QuestionDto>.Ok(QuestionnaireQueries.ToDto(question, answers));
    }

    public async Task<Result<bool>> DeleteAsync(Guid questionnaireId, Guid questionId, CancellationToken ct)
    {
        var question = await FindAsync(questionnaireId, questionId, ct);
        if (question is null)
        {
            return Result<bool>.NotFound();
        }
        if (await db.Set<QuestionnaireResponseAnswer>().AnyAsync(a => a.QuestionId == questionId, ct))
        {
            return Result<bool>.Conflict("question", "The question cannot be deleted. " + AnsweredMessage);
        }
        db.Remove(question);
        await SaveAsync(question, ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>Puts the questions in the given order (drag and drop); ids not listed keep their relative order after them.</summary>
    public async Task<Result<bool>> ReorderAsync(Guid questionnaireId, IReadOnlyList<Guid> order, CancellationToken ct)
    {
        var questionnaire = await db.Set<Questionnaire>().Include(q => q.Questions).FirstOrDefaultAsync(q => q.Id == questionnaireId, ct);
        if (questionnaire is null)
        {
            return Result<bool>.NotFound();
        }
        var positions = order.Distinct().Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var sorted = questionnaire.Questions.OrderBy(q => positions.GetValueOrDefault(q.Id, int.MaxValue)).ThenBy(q => q.SortOrder).ThenBy(q => q.Id).ToList();
        for (var i = 0; i < sorted.Count; i++)
        {
            sorted[i].SortOrder = i;
        }
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(questionnaire.PublicUrl);
        return Result<bool>.Ok(true);
    }

    /// <summary>Moves a question one place up (-1) or down (+1): the keyboard fallback of drag and drop.</summary>
    public async Task<Result<bool>> MoveAsync(Guid questionnaireId, Guid questionId, int direction, CancellationToken ct)
    {
        var ids = await db.Set<QuestionnaireQuestion>().Where(q => q.QuestionnaireId == questionnaireId)
            .OrderBy(q => q.SortOrder).ThenBy(q => q.Id).Select(q => q.Id).ToListAsync(ct);
        var index = ids.IndexOf(questionId);
        if (index < 0)
        {
            return Result<bool>.NotFound();
        }
        var target = Math.Clamp(index + Math.Sign(direction), 0, ids.Count - 1);
        (ids[index], ids[target]) = (ids[target], ids[index]);
        return await ReorderAsync(questionnaireId, ids, ct);
    }

    public async Task<Result<OptionDto>> AddOptionAsync(Guid questionnaireId, Guid questionId, OptionInput input, CancellationToken ct)
    {
        var question = await FindAsync(questionnaireId, questionId, ct);
        if (question is null)
        {
            return Result<OptionDto>.NotFound();
        }
        var errors = RequestValidator.Validate(input);
        if (question.Type is not (QuestionType.MultipleChoice or QuestionType.Checkbox))
        {
            errors["question"] = ["Only multiple-choice and checkbox questions take new options (yes/no has its two)."];
        }
        else if (question.Options.Count >= 50)
        {
            errors["question"] = ["At most 50 options."];
        }
        if (errors.Count > 0)
        {
            return Result<OptionDto>.Invalid(errors);
        }
        var option = new QuestionnaireQuestionOption
        {
            QuestionId = question.Id,
            Text = input.Text.Trim(),
            SortOrder = input.SortOrder ?? (question.Options.Count == 0 ? 0 : question.Options.Max(o => o.SortOrder) + 1),
        };
        db.Add(option);
        await SaveAsync(question, ct);
        return Result<OptionDto>.Ok(QuestionnaireQueries.ToDto(option, 0));
    }

    public async Task<Result<OptionDto>> UpdateOptionAsync(Guid questionnaireId, Guid questionId, Guid optionId, OptionInput input, CancellationToken ct)
    {
        var question = await FindAsync(questionnaireId, questionId, ct);
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
        option.SortOrder = input.SortOrder ?? option.SortOrder;
        await SaveAsync(question, ct);
        return Result<OptionDto>.Ok(QuestionnaireQueries.ToDto(option, 0));
    }

    public async Task<Result<bool>> DeleteOptionAsync(Guid questionnaireId, Guid questionId, Guid optionId, CancellationToken ct)
    {
        var question = await FindAsync(questionnaireId, questionId, ct);
        var option = question?.Options.FirstOrDefault(o => o.Id == optionId);
        if (question is null || option is null)
        {
            return Result<bool>.NotFound();
        }
        if (question.Type == QuestionType.YesNo)
        {
            return Result<bool>.Conflict("option", "Yes/no questions keep both options: rename them instead.");
        }
        if (await db.Set<QuestionnaireResponseAnswer>().AnyAsync(a => a.OptionId == optionId, ct))
        {
            return Result<bool>.Conflict("option", "The option cannot be deleted. " + AnsweredMessage);
        }
        db.Remove(option);
        await SaveAsync(question, ct);
        return Result<bool>.Ok(true);
    }

    internal static IReadOnlyList<OptionInput> DefaultOptions(QuestionType type, IReadOnlyList<OptionInput>? given) => type switch
    {
        QuestionType.YesNo when given is not { Count: 2 } => [new OptionInput { Text = "Yes" }, new OptionInput { Text = "No" }],
        QuestionType.MultipleChoice or QuestionType.Checkbox or QuestionType.YesNo => given ?? [],
        _ => [],
    };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private Task<QuestionnaireQuestion?> FindAsync(Guid questionnaireId, Guid questionId, CancellationToken ct) =>
        db.Set<QuestionnaireQuestion>().Include(q => q.Options).Include(q => q.Questionnaire)
            .FirstOrDefaultAsync(q => q.Id == questionId && q.QuestionnaireId == questionnaireId && q.Questionnaire!.DeletedAt == null, ct);

    private async Task SaveAsync(QuestionnaireQuestion question, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        definitions.Invalidate(question.Questionnaire!.PublicUrl);
    }
}
