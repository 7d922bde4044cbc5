using CrmPlatform.Assessments.Data;

namespace CrmPlatform.Assessments.Scoring;

/// <summary>A question as the engine needs it.</summary>
public sealed record ScoringQuestion(Guid Id, QuestionType Type, int Points, IReadOnlyList<ScoringOption> Options);

public sealed record ScoringOption(Guid Id, int Points, bool IsCorrect, IReadOnlyDictionary<string, int> Dimensions);

/// <summary>
/// One answer after scoring: what it earned, the most it could earn, what it added to each dimension, and whether it
/// waits for a grader. Stored on the answer row, so a response can be recomputed without the (possibly edited) questions.
/// </summary>
public sealed record ScoredAnswer(Guid QuestionId, QuestionType Type, int Points, int MaxPoints, bool PendingGrading, IReadOnlyDictionary<string, int> Dimensions);

public sealed record ScoringResult(
    int TotalScore,
    int MaxScore,
    decimal Percentage,
    string? Ranking,
    string? PersonalityType,
    IReadOnlyList<string> Traits,
    IReadOnlyList<string> InnerDrives,
    IReadOnlyList<string> Baselines,
    IReadOnlyDictionary<string, int> DimensionScores,
    bool PendingGrading);

/// <summary>Pure scoring: no database, no clock. Answers are validated before they get here.</summary>
public static class ScoringEngine
{
    private static readonly Dictionary<string, int> NoDimensions = [];

    /// <summary>Scores one answer: <paramref name="optionId"/> for choices, <paramref name="rating"/> for rating scales.</summary>
    public static ScoredAnswer ScoreAnswer(ScoringLogic logic, ScoringQuestion question, Guid? optionId, int? rating)
    {
        switch (question.Type)
        {
            case QuestionType.MultipleChoice or QuestionType.TrueFalse:
                var rule = question.Type == QuestionType.TrueFalse ? logic.QuestionTypes.TrueFalse : logic.QuestionTypes.MultipleChoice;
                var option = question.Options.FirstOrDefault(o => o.Id == optionId);
                if (rule.Mode == ChoiceMode.CorrectAnswer)
                {
                    return new(question.Id, question.Type, option?.IsCorrect == true ? question.Points : 0, question.Points, false, option?.Dimensions ?? NoDimensions);
                }
                var max = question.Options.Count == 0 ? 0 : Math.Max(0, question.Options.Max(o => o.Points));
                return new(question.Id, question.Type, option?.Points ?? 0, max, false, option?.Dimensions ?? NoDimensions);
            case QuestionType.RatingScale:
                var scale = logic.QuestionTypes.RatingScale;
                var value = Math.Clamp(rating ?? scale.Min, scale.Min, scale.Max);
                var points = (int)Math.Round(value * scale.Weight, MidpointRounding.AwayFromZero);
                var ratingMax = (int)Math.Round(scale.Max * scale.Weight, MidpointRounding.AwayFromZero);
                IReadOnlyDictionary<string, int> dims = scale.Dimension is { Length: > 0 } d ? new Dictionary<string, int> { [d] = points } : NoDimensions;
                return new(question.Id, question.Type, points, ratingMax, false, dims);
            default:
                return logic.QuestionTypes.Subjective.Mode == SubjectiveMode.Ignore
                    ? new(question.Id, question.Type, 0, 0, false, NoDimensions)
                    : new(question.Id, question.Type, 0, question.Points, question.Points > 0, NoDimensions);
        }
    }

    /// <summary>A grader's award for a subjective answer, clamped to 0..max.</summary>
    public static ScoredAnswer Grade(ScoredAnswer answer, int points) =>
        answer with { Points = Math.Clamp(points, 0, answer.MaxPoints), PendingGrading = false };

    public static ScoringResult Compute(ScoringLogic logic, IReadOnlyList<ScoredAnswer> answers)
    {
        var total = answers.Sum(a => a.Points);
        var max = answers.Sum(a => a.MaxPoints);
        var percentage = max <= 0 ? 0m : Math.Round(Math.Clamp(total * 100m / max, 0m, 100m), 2, MidpointRounding.AwayFromZero);
        var dimensions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in logic.Dimensions)
        {
            dimensions[name] = 0;
        }
        foreach (var (name, value) in answers.SelectMany(a => a.Dimensions))
        {
            dimensions[name] = dimensions.GetValueOrDefault(name) + value;
        }
        var facts = new Facts(total, percentage, dimensions, TopDimension(logic, dimensions));
        var ranking = logic.Rankings.OrderByDescending(b => b.Min).FirstOrDefault(b => percentage >= b.Min)?.Label;
        return new ScoringResult(
            total,
            max,
            percentage,
            ranking,
            Personality(logic.Personality, facts),
            Labels(logic.Traits, facts),
            Labels(logic.InnerDrives, facts),
            Labels(logic.Baselines, facts),
            dimensions,
            answers.Any(a => a.PendingGrading));
    }

    private sealed record Facts(int Score, decimal Percentage, IReadOnlyDictionary<string, int> Dimensions, string? TopDimension);

    /// <summary>The highest dimension; ties go to the one declared (or, undeclared, named) first; none when all are 0.</summary>
    private static string? TopDimension(ScoringLogic logic, Dictionary<string, int> dimensions)
    {
        if (dimensions.Count == 0 || dimensions.Values.All(v => v == 0))
        {
            return null;
        }
        var order = logic.Dimensions.Concat(dimensions.Keys.Order(StringComparer.Ordinal)).Distinct().ToList();
        var best = dimensions.Values.Max();
        return order.First(name => dimensions.GetValueOrDefault(name) == best);
    }

    private static string? Personality(PersonalityRules? rules, Facts facts)
    {
        if (rules is null)
        {
            return null;
        }
        if (rules.Method == PersonalityMethod.Rules)
        {
            return rules.Rules.FirstOrDefault(r => Holds(r, facts))?.Label ?? rules.Default;
        }
        return facts.TopDimension is { } top ? rules.Labels.GetValueOrDefault(top, top) : rules.Default;
    }

    private static List<string> Labels(List<LabelRule> rules, Facts facts) =>
        [.. rules.Where(r => Holds(r, facts)).Select(r => r.Label).Distinct()];

    private static bool Holds(LabelRule rule, Facts facts) =>
        rule.All.All(c => Holds(c, facts)) && (rule.Any.Count == 0 || rule.Any.Any(c => Holds(c, facts)));

    private static bool Holds(Condition condition, Facts facts)
    {
        if (condition.Metric == "topDimension")
        {
            return facts.TopDimension is not null && string.Equals(facts.TopDimension, condition.EqualTo, StringComparison.Ordinal);
        }
        decimal actual = condition.Metric switch
        {
            "percentage" => facts.Percentage,
            "score" => facts.Score,
            "dimension" => facts.Dimensions.GetValueOrDefault(condition.Dimension ?? ""),
            _ => 0,
        };
        var expected = condition.Value ?? 0;
        return condition.Op switch
        {
            ">=" => actual >= expected,
            ">" => actual > expected,
            "<=" => actual <= expected,
            "<" => actual < expected,
            "==" => actual == expected,
            _ => false,
        };
    }
}
