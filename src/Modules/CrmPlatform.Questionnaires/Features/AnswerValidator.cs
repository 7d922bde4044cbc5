using CrmPlatform.Questionnaires.Data;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>
/// One answer as a respondent sends it: <see cref="OptionId"/> for multiple choice and yes/no, <see cref="OptionIds"/> for
/// checkbox, <see cref="Rating"/> for rating scales, <see cref="Text"/> for text questions.
/// </summary>
public sealed record AnswerInput(Guid QuestionId, Guid? OptionId = null, IReadOnlyList<Guid>? OptionIds = null, int? Rating = null, string? Text = null);

/// <summary>A validated answer: one row to store (a checkbox answer gives one per chosen option).</summary>
internal sealed record CheckedAnswer(DefinitionQuestion Question, DefinitionOption? Option, int? Rating, string? Text);

/// <summary>
/// Checks answers against a questionnaire: known questions answered at most once, required ones answered, options of the
/// question itself (exactly one for single-choice questions), ratings within the scale, text within limits. Errors are
/// keyed <c>answers[{questionId}]</c> so forms show them next to the field.
/// </summary>
internal static class AnswerValidator
{
    public static string Key(Guid questionId) => $"answers[{questionId}]";

    public static List<CheckedAnswer> Check(QuestionnaireDefinition definition, IReadOnlyList<AnswerInput>? answers, Dictionary<string, string[]> errors)
    {
        var result = new List<CheckedAnswer>();
        answers ??= [];
        if (answers.Count > definition.Questions.Count + 10)
        {
            errors["answers"] = ["Too many answers."];
            return result;
        }
        var byQuestion = new Dictionary<Guid, AnswerInput>();
        foreach (var answer in answers)
        {
            if (answer is null || definition.Question(answer.QuestionId) is null)
            {
                errors["answers"] = [$"Question {answer?.QuestionId} is not part of this questionnaire."];
            }
            else if (!byQuestion.TryAdd(answer.QuestionId, answer))
            {
                errors[Key(answer.QuestionId)] = ["The question is answered twice."];
            }
        }
        foreach (var question in definition.Questions)
        {
            var key = Key(question.Id);
            if (errors.ContainsKey(key))
            {
                continue;
            }
            var answer = byQuestion.GetValueOrDefault(question.Id);
            var error = Check(definition, question, answer, result);
            if (error is null && question.IsRequired && !result.Any(r => r.Question.Id == question.Id))
            {
                error = "This question is required.";
            }
            if (error is not null)
            {
                errors[key] = [error];
            }
        }
        return result;
    }

    /// <summary>Adds the answer's rows to <paramref name="result"/>, or returns why it is refused. No answer adds nothing.</summary>
    private static string? Check(QuestionnaireDefinition definition, DefinitionQuestion question, AnswerInput? answer, List<CheckedAnswer> result)
    {
        if (answer is null)
        {
            return null;
        }
        switch (question.Type)
        {
            case QuestionType.MultipleChoice or QuestionType.YesNo:
            {
                var chosen = (answer.OptionIds ?? []).Concat(answer.OptionId is { } one ? [one] : []).Distinct().ToList();
                if (chosen.Count == 0)
                {
                    return null;
                }
                if (chosen.Count > 1)
                {
                    return "Choose only one option.";
                }
                var option = question.Option(chosen[0]);
                if (option is null)
                {
                    return OptionError(definition, chosen[0]);
                }
                result.Add(new(question, option, null, null));
                return null;
            }
            case QuestionType.Checkbox:
            {
                var chosen = (answer.OptionIds ?? []).Concat(answer.OptionId is { } one ? [one] : []).ToList();
                if (chosen.Count != chosen.Distinct().Count())
                {
                    return "An option is chosen twice.";
                }
                var options = new List<DefinitionOption>();
                foreach (var id in chosen)
                {
                    if (question.Option(id) is not { } option)
                    {
                        return OptionError(definition, id);
                    }
                    options.Add(option);
                }
                result.AddRange(options.Select(o => new CheckedAnswer(question, o, null, null)));
                return null;
            }
            case QuestionType.RatingScale:
                if (answer.Rating is null)
                {
                    return null;
                }
                if (answer.Rating < definition.RatingMin || answer.Rating > definition.RatingMax)
                {
                    return $"Choose a rating from {definition.RatingMin} to {definition.RatingMax}.";
                }
                result.Add(new(question, null, answer.Rating, null));
                return null;
            default:
                var text = answer.Text?.Trim() ?? "";
                if (text.Length == 0)
                {
                    return null;
                }
                if (text.Length > QuestionnaireResponseAnswer.AnswerTextMaxLength)
                {
                    return $"The answer is too long: at most {QuestionnaireResponseAnswer.AnswerTextMaxLength} characters.";
                }
                result.Add(new(question, null, null, text));
                return null;
        }
    }

    private static string OptionError(QuestionnaireDefinition definition, Guid optionId) =>
        definition.Questions.Any(q => q.Option(optionId) is not null) ? "The chosen option belongs to another question." : "The chosen option does not exist.";
}

/// <summary>The error key of a question's answer (<c>answers[{id}]</c>), for views.</summary>
public static class AnswerKey
{
    public static string For(Guid questionId) => AnswerValidator.Key(questionId);
}
