using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Scoring;

namespace CrmPlatform.Assessments.Features;

/// <summary>One answer as a taker sends it: an option for choices, a rating value, or text for subjective questions.</summary>
public sealed record AnswerInput(Guid QuestionId, Guid? OptionId, int? Rating, string? Text);

/// <summary>A validated answer with its score, ready to store.</summary>
internal sealed record CheckedAnswer(DefinitionQuestion Question, DefinitionOption? Option, int? Rating, string? Text, ScoredAnswer Score);

/// <summary>
/// Checks a set of answers against an assessment: every question answered once, options of the question itself,
/// ratings in range, text within limits. Errors are keyed <c>answers[{questionId}]</c> so forms show them by the field.
/// </summary>
internal static class AnswerValidator
{
    public static string Key(Guid questionId) => $"answers[{questionId}]";

    public static List<CheckedAnswer> Check(AssessmentDefinition definition, IReadOnlyList<AnswerInput>? answers, Dictionary<string, string[]> errors, bool requireAll = true)
    {
        var result = new List<CheckedAnswer>();
        answers ??= [];
        if (answers.Count > definition.Questions.Count * 2 + 10)
        {
            errors["answers"] = ["Too many answers."];
            return result;
        }
        var byQuestion = new Dictionary<Guid, AnswerInput>();
        foreach (var answer in answers)
        {
            if (definition.Question(answer.QuestionId) is null)
            {
                errors["answers"] = [$"Question {answer.QuestionId} is not part of this assessment."];
            }
            else if (!byQuestion.TryAdd(answer.QuestionId, answer))
            {
                errors[Key(answer.QuestionId)] = ["The question is answered twice."];
            }
        }
        var scale = definition.Logic.QuestionTypes.RatingScale;
        foreach (var question in definition.Questions)
        {
            var key = Key(question.Id);
            if (errors.ContainsKey(key))
            {
                continue;
            }
            if (!byQuestion.TryGetValue(question.Id, out var answer))
            {
                if (requireAll)
                {
                    errors[key] = ["Please answer this question."];
                }
                continue;
            }
            switch (question.Type)
            {
                case QuestionType.MultipleChoice or QuestionType.TrueFalse:
                    if (answer.OptionId is not { } optionId)
                    {
                        errors[key] = ["Please choose an answer."];
                        break;
                    }
                    var option = question.Options.FirstOrDefault(o => o.Id == optionId);
                    if (option is null)
                    {
                        errors[key] = [definition.Questions.Any(q => q.Options.Any(o => o.Id == optionId))
                            ? "The chosen option belongs to another question."
                            : "The chosen option does not exist."];
                        break;
                    }
                    result.Add(new(question, option, null, null, ScoringEngine.ScoreAnswer(definition.Logic, question.ToScoring(), option.Id, null)));
                    break;
                case QuestionType.RatingScale:
                    if (answer.Rating is not { } rating || rating < scale.Min || rating > scale.Max)
                    {
                        errors[key] = [$"Choose a rating from {scale.Min} to {scale.Max}."];
                        break;
                    }
                    result.Add(new(question, null, rating, null, ScoringEngine.ScoreAnswer(definition.Logic, question.ToScoring(), null, rating)));
                    break;
                default:
                    var text = answer.Text?.Trim() ?? "";
                    if (text.Length == 0)
                    {
                        errors[key] = ["Please write an answer."];
                        break;
                    }
                    if (text.Length > AssessmentResponseAnswer.AnswerTextMaxLength)
                    {
                        errors[key] = [$"The answer is too long: at most {AssessmentResponseAnswer.AnswerTextMaxLength} characters."];
                        break;
                    }
                    result.Add(new(question, null, null, text, ScoringEngine.ScoreAnswer(definition.Logic, question.ToScoring(), null, null)));
                    break;
            }
        }
        return result;
    }
}
