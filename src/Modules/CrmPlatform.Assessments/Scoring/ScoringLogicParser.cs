using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmPlatform.Assessments.Scoring;

/// <summary>Reads and validates a scoring JSON, reporting every problem with its JSON path.</summary>
public static class ScoringLogicParser
{
    private static readonly string[] Metrics = ["percentage", "score", "dimension", "topDimension"];
    private static readonly string[] Ops = [">=", ">", "<=", "<", "=="];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>Parses <paramref name="json"/> (null/blank = defaults); on failure returns null and the errors.</summary>
    public static ScoringLogic? Parse(string? json, out IReadOnlyList<ScoringError> errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            errors = [];
            return ScoringLogic.Default;
        }
        ScoringLogic? logic;
        try
        {
            logic = JsonSerializer.Deserialize<ScoringLogic>(json, Json);
        }
        catch (JsonException ex)
        {
            var reason = ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            errors = [new ScoringError(ex.Path ?? "$", reason)];
            return null;
        }
        if (logic is null)
        {
            errors = [new ScoringError("$", "must be a JSON object.")];
            return null;
        }
        errors = Validate(logic);
        return errors.Count == 0 ? logic : null;
    }

    /// <summary>Parses JSON already stored (validated on save); falls back to the defaults if it no longer reads.</summary>
    public static ScoringLogic ParseStored(string? json) => Parse(json, out _) ?? ScoringLogic.Default;

    public static string Serialize(ScoringLogic logic) => JsonSerializer.Serialize(logic, Json);

    public static IReadOnlyList<ScoringError> Validate(ScoringLogic logic)
    {
        var errors = new List<ScoringError>();
        if (logic.Version != 1)
        {
            errors.Add(new("$.version", "must be 1."));
        }
        var rating = logic.QuestionTypes?.RatingScale;
        if (logic.QuestionTypes is null)
        {
            errors.Add(new("$.questionTypes", "must be an object."));
        }
        else if (rating is not null)
        {
            if (rating.Min < 0 || rating.Max > 100 || rating.Min >= rating.Max)
            {
                errors.Add(new("$.questionTypes.rating_scale", "min and max must satisfy 0 <= min < max <= 100."));
            }
            if (rating.Weight is < 0 or > 100)
            {
                errors.Add(new("$.questionTypes.rating_scale.weight", "must be between 0 and 100."));
            }
            CheckDimension(logic, rating.Dimension, "$.questionTypes.rating_scale.dimension", errors, optional: true);
        }
        var seen = new HashSet<decimal>();
        for (var i = 0; i < (logic.Rankings?.Count ?? 0); i++)
        {
            var band = logic.Rankings![i];
            var path = $"$.rankings[{i}]";
            if (band.Min is < 0 or > 100)
            {
                errors.Add(new(path + ".min", "must be a percentage between 0 and 100."));
            }
            if (!seen.Add(band.Min))
            {
                errors.Add(new(path + ".min", $"{band.Min} is used by another band."));
            }
            CheckLabel(band.Label, path + ".label", errors);
        }
        for (var i = 0; i < (logic.Dimensions?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(logic.Dimensions![i]) || logic.Dimensions[i].Length > 50)
            {
                errors.Add(new($"$.dimensions[{i}]", "must be a name of 1 to 50 characters."));
            }
        }
        if (logic.Personality is { } personality)
        {
            foreach (var key in personality.Labels?.Keys ?? Enumerable.Empty<string>())
            {
                CheckDimension(logic, key, $"$.personality.labels.{key}", errors, optional: false);
            }
            if (personality.Method == PersonalityMethod.Rules && (personality.Rules?.Count ?? 0) == 0)
            {
                errors.Add(new("$.personality.rules", "must list at least one rule when method is \"rules\"."));
            }
            CheckRules(logic, personality.Rules, "$.personality.rules", errors);
            if (personality.Default is { Length: > 100 })
            {
                errors.Add(new("$.personality.default", "must be at most 100 characters."));
            }
        }
        CheckRules(logic, logic.Traits, "$.traits", errors);
        CheckRules(logic, logic.InnerDrives, "$.innerDrives", errors);
        CheckRules(logic, logic.Baselines, "$.baselines", errors);
        return errors;
    }

    private static void CheckRules(ScoringLogic logic, List<LabelRule>? rules, string path, List<ScoringError> errors)
    {
        for (var i = 0; i < (rules?.Count ?? 0); i++)
        {
            var rule = rules![i];
            var rulePath = $"{path}[{i}]";
            CheckLabel(rule.Label, rulePath + ".label", errors);
            if ((rule.All?.Count ?? 0) + (rule.Any?.Count ?? 0) == 0)
            {
                errors.Add(new(rulePath, "needs at least one condition in \"all\" or \"any\"."));
            }
            for (var c = 0; c < (rule.All?.Count ?? 0); c++)
            {
                CheckCondition(logic, rule.All![c], $"{rulePath}.all[{c}]", errors);
            }
            for (var c = 0; c < (rule.Any?.Count ?? 0); c++)
            {
                CheckCondition(logic, rule.Any![c], $"{rulePath}.any[{c}]", errors);
            }
        }
    }

    private static void CheckCondition(ScoringLogic logic, Condition condition, string path, List<ScoringError> errors)
    {
        if (!Metrics.Contains(condition.Metric))
        {
            errors.Add(new(path + ".metric", $"'{condition.Metric}' is not one of {string.Join(", ", Metrics)}."));
            return;
        }
        if (condition.Metric == "topDimension")
        {
            CheckDimension(logic, condition.EqualTo, path + ".equals", errors, optional: false);
            return;
        }
        if (condition.Metric == "dimension")
        {
            CheckDimension(logic, condition.Dimension, path + ".dimension", errors, optional: false);
        }
        if (condition.Op is null || !Ops.Contains(condition.Op))
        {
            errors.Add(new(path + ".op", $"must be one of {string.Join(" ", Ops)}."));
        }
        if (condition.Value is null)
        {
            errors.Add(new(path + ".value", "is required (a number)."));
        }
        else if (condition.Metric == "percentage" && condition.Value is < 0 or > 100)
        {
            errors.Add(new(path + ".value", "must be a percentage between 0 and 100."));
        }
    }

    private static void CheckDimension(ScoringLogic logic, string? name, string path, List<ScoringError> errors, bool optional)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            if (!optional)
            {
                errors.Add(new(path, "must name a dimension."));
            }
            return;
        }
        if (logic.Dimensions is { Count: > 0 } declared && !declared.Contains(name))
        {
            errors.Add(new(path, $"'{name}' is not in $.dimensions ({string.Join(", ", declared)})."));
        }
    }

    private static void CheckLabel(string? label, string path, List<ScoringError> errors)
    {
        if (string.IsNullOrWhiteSpace(label) || label.Length > 100)
        {
            errors.Add(new(path, "must be a label of 1 to 100 characters."));
        }
        else if (label.Contains(','))
        {
            errors.Add(new(path, "must not contain a comma (labels are stored comma-separated)."));
        }
    }
}
