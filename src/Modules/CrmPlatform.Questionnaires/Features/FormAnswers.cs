using CrmPlatform.Questionnaires.Data;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>
/// Reads a posted questionnaire form (<c>q.{questionId}</c> fields, repeated for checkboxes) into <see cref="AnswerInput"/>s.
/// Values that do not parse become values the validator refuses with the right message (an unknown option, a bad rating).
/// </summary>
public static class FormAnswers
{
    public static string Field(Guid questionId) => "q." + questionId.ToString("N");

    public static List<AnswerInput> Read(IFormCollection form, QuestionnaireDefinition definition)
    {
        var answers = new List<AnswerInput>();
        foreach (var question in definition.Questions)
        {
            if (!form.TryGetValue(Field(question.Id), out var raw))
            {
                continue;
            }
            var values = raw.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
            if (values.Count == 0)
            {
                continue;
            }
            answers.Add(question.Type switch
            {
                QuestionType.MultipleChoice or QuestionType.YesNo or QuestionType.Checkbox =>
                    new AnswerInput(question.Id, OptionIds: [.. values.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty)]),
                QuestionType.RatingScale => new AnswerInput(question.Id, Rating: int.TryParse(values[0], out var rating) ? rating : int.MinValue),
                _ => new AnswerInput(question.Id, Text: values[0]),
            });
        }
        return answers;
    }

    /// <summary>The posted values by field name, to re-fill the form after a validation error.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Values(IFormCollection form) =>
        form.Where(f => f.Key.StartsWith("q.", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => (IReadOnlyList<string>)[.. f.Value.Select(v => v ?? "")], StringComparer.Ordinal);
}

/// <summary>What the questionnaire form partial renders: the questions, the values posted so far and the errors by field.</summary>
public sealed record FillFormModel(
    QuestionnaireDefinition Definition,
    string? Name,
    string? Email,
    string? Phone,
    bool EmailLocked,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Values,
    IReadOnlyDictionary<string, string[]> Errors,
    bool Disabled = false);
