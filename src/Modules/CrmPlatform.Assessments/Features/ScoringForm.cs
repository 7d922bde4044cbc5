using System.Globalization;
using CrmPlatform.Assessments.Scoring;

namespace CrmPlatform.Assessments.Features;

/// <summary>
/// The form editor of the scoring screen: the common settings as plain fields. Rules (traits, inner drives, baselines,
/// personality rules) are kept from the stored JSON and edited in the raw-JSON view.
/// </summary>
public sealed class ScoringForm
{
    public ChoiceMode MultipleChoiceMode { get; set; }
    public ChoiceMode TrueFalseMode { get; set; } = ChoiceMode.CorrectAnswer;
    public SubjectiveMode SubjectiveMode { get; set; }
    public int RatingMin { get; set; } = 1;
    public int RatingMax { get; set; } = 5;
    public decimal RatingWeight { get; set; } = 1m;
    public string? RatingDimension { get; set; }

    /// <summary>One band a line: <c>80 = Excellent</c>.</summary>
    public string? Rankings { get; set; }

    /// <summary>Comma-separated, in tie-break order.</summary>
    public string? Dimensions { get; set; }

    public bool UsePersonality { get; set; }
    public PersonalityMethod PersonalityMethod { get; set; }
    public string? PersonalityDefault { get; set; }

    /// <summary>One label a line: <c>D = Dominance</c>.</summary>
    public string? PersonalityLabels { get; set; }

    public static ScoringForm From(ScoringLogic logic) => new()
    {
        MultipleChoiceMode = logic.QuestionTypes.MultipleChoice.Mode,
        TrueFalseMode = logic.QuestionTypes.TrueFalse.Mode,
        SubjectiveMode = logic.QuestionTypes.Subjective.Mode,
        RatingMin = logic.QuestionTypes.RatingScale.Min,
        RatingMax = logic.QuestionTypes.RatingScale.Max,
        RatingWeight = logic.QuestionTypes.RatingScale.Weight,
        RatingDimension = logic.QuestionTypes.RatingScale.Dimension,
        Rankings = string.Join("\n", logic.Rankings.OrderByDescending(b => b.Min).Select(b => $"{b.Min.ToString(CultureInfo.InvariantCulture)} = {b.Label}")),
        Dimensions = string.Join(", ", logic.Dimensions),
        UsePersonality = logic.Personality is not null,
        PersonalityMethod = logic.Personality?.Method ?? PersonalityMethod.HighestDimension,
        PersonalityDefault = logic.Personality?.Default,
        PersonalityLabels = string.Join("\n", (logic.Personality?.Labels ?? []).Select(l => $"{l.Key} = {l.Value}")),
    };

    /// <summary>Applies the form onto <paramref name="logic"/> (keeping its rules); line format errors are added to <paramref name="errors"/>.</summary>
    public ScoringLogic ApplyTo(ScoringLogic logic, List<ScoringError> errors)
    {
        logic.QuestionTypes.MultipleChoice.Mode = MultipleChoiceMode;
        logic.QuestionTypes.TrueFalse.Mode = TrueFalseMode;
        logic.QuestionTypes.Subjective.Mode = SubjectiveMode;
        logic.QuestionTypes.RatingScale = new RatingRule { Min = RatingMin, Max = RatingMax, Weight = RatingWeight, Dimension = Blank(RatingDimension) };
        logic.Rankings = [.. Pairs(Rankings, "Rankings", errors).Select(p => new RankingBand
        {
            Min = decimal.TryParse(p.Key, NumberStyles.Number, CultureInfo.InvariantCulture, out var min) ? min : Error(errors, "Rankings", $"'{p.Key}' is not a number."),
            Label = p.Value,
        })];
        logic.Dimensions = [.. (Dimensions ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        if (!UsePersonality)
        {
            logic.Personality = null;
            return logic;
        }
        logic.Personality ??= new PersonalityRules();
        logic.Personality.Method = PersonalityMethod;
        logic.Personality.Default = Blank(PersonalityDefault);
        logic.Personality.Labels = Pairs(PersonalityLabels, "PersonalityLabels", errors).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
        return logic;
    }

    private static List<KeyValuePair<string, string>> Pairs(string? text, string field, List<ScoringError> errors)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                errors.Add(new ScoringError(field, $"'{line}' is not in the form 'key = label'."));
                continue;
            }
            pairs.Add(new(parts[0], parts[1]));
        }
        return pairs;
    }

    private static decimal Error(List<ScoringError> errors, string field, string message)
    {
        errors.Add(new ScoringError(field, message));
        return 0;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
