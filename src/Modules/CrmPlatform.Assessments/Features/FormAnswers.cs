using CrmPlatform.Assessments.Data;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.Assessments.Features;

/// <summary>
/// Reads the answers of a posted assessment form (<c>q.{questionId}</c> fields) into <see cref="AnswerInput"/>s. Values
/// that do not parse become values the validator refuses with the right message (an unknown option, an out-of-range rating).
/// </summary>
public static class FormAnswers
{
    public static string Field(Guid questionId) => "q." + questionId.ToString("N");

    public static List<AnswerInput> Read(IFormCollection form, AssessmentDefinition definition)
    {
        var answers = new List<AnswerInput>();
        foreach (var question in definition.Questions)
        {
            if (!form.TryGetValue(Field(question.Id), out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            {
                continue;
            }
            var value = values[0]!;
            answers.Add(question.Type switch
            {
                QuestionType.MultipleChoice or QuestionType.TrueFalse => new AnswerInput(question.Id, Guid.TryParse(value, out var option) ? option : Guid.Empty, null, null),
                QuestionType.RatingScale => new AnswerInput(question.Id, null, int.TryParse(value, out var rating) ? rating : int.MinValue, null),
                _ => new AnswerInput(question.Id, null, null, value),
            });
        }
        return answers;
    }

    /// <summary>The posted values by field name, to re-fill the form after a validation error.</summary>
    public static Dictionary<string, string> Values(IFormCollection form) =>
        form.Where(f => f.Key.StartsWith("q.", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
}
