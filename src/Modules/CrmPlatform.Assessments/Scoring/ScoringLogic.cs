using System.Text.Json.Serialization;

namespace CrmPlatform.Assessments.Scoring;

/// <summary>The <c>scoringLogic</c> JSON of an assessment (format and examples in the module README).</summary>
public sealed class ScoringLogic
{
    public int Version { get; set; } = 1;
    public QuestionTypeRules QuestionTypes { get; set; } = new();
    public List<RankingBand> Rankings { get; set; } = [];

    /// <summary>Declared dimension names, in tie-break order; options may only use these when the list is given.</summary>
    public List<string> Dimensions { get; set; } = [];

    public PersonalityRules? Personality { get; set; }
    public List<LabelRule> Traits { get; set; } = [];
    public List<LabelRule> InnerDrives { get; set; } = [];
    public List<LabelRule> Baselines { get; set; } = [];

    public static ScoringLogic Default => new();
}

public sealed class QuestionTypeRules
{
    [JsonPropertyName("multiple_choice")] public ChoiceRule MultipleChoice { get; set; } = new() { Mode = ChoiceMode.OptionPoints };
    [JsonPropertyName("true_false")] public ChoiceRule TrueFalse { get; set; } = new() { Mode = ChoiceMode.CorrectAnswer };
    [JsonPropertyName("rating_scale")] public RatingRule RatingScale { get; set; } = new();
    [JsonPropertyName("subjective")] public SubjectiveRule Subjective { get; set; } = new();
}

[JsonConverter(typeof(JsonStringEnumConverter<ChoiceMode>))]
public enum ChoiceMode
{
    /// <summary>The chosen option's points.</summary>
    [JsonStringEnumMemberName("option_points")] OptionPoints,

    /// <summary>The question's points when the chosen option is correct, else 0.</summary>
    [JsonStringEnumMemberName("correct_answer")] CorrectAnswer,
}

public sealed class ChoiceRule
{
    public ChoiceMode Mode { get; set; }
}

public sealed class RatingRule
{
    public int Min { get; set; } = 1;
    public int Max { get; set; } = 5;
    public decimal Weight { get; set; } = 1m;

    /// <summary>When set, the rating value (× weight) is also added to this dimension.</summary>
    public string? Dimension { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<SubjectiveMode>))]
public enum SubjectiveMode
{
    /// <summary>Staff award 0..question points in the grading queue; counted in the maximum meanwhile.</summary>
    [JsonStringEnumMemberName("manual")] Manual,

    /// <summary>Not scored at all (free comments).</summary>
    [JsonStringEnumMemberName("ignore")] Ignore,
}

public sealed class SubjectiveRule
{
    public SubjectiveMode Mode { get; set; } = SubjectiveMode.Manual;
}

/// <summary>A ranking band: percentages at or above <see cref="Min"/> (highest matching band wins).</summary>
public sealed class RankingBand
{
    public decimal Min { get; set; }
    public string Label { get; set; } = "";
}

[JsonConverter(typeof(JsonStringEnumConverter<PersonalityMethod>))]
public enum PersonalityMethod
{
    [JsonStringEnumMemberName("highest_dimension")] HighestDimension,
    [JsonStringEnumMemberName("rules")] Rules,
}

public sealed class PersonalityRules
{
    public PersonalityMethod Method { get; set; } = PersonalityMethod.HighestDimension;

    /// <summary>Type label per dimension for <c>highest_dimension</c> (the dimension name itself when missing).</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>For <c>rules</c>: the first rule whose conditions all hold names the type.</summary>
    public List<LabelRule> Rules { get; set; } = [];

    /// <summary>When nothing applies (no rule matched, or every dimension is 0).</summary>
    public string? Default { get; set; }
}

/// <summary>A label given when every condition in <see cref="All"/> holds (and at least one of <see cref="Any"/>, when given).</summary>
public sealed class LabelRule
{
    public string Label { get; set; } = "";
    public List<Condition> All { get; set; } = [];
    public List<Condition> Any { get; set; } = [];
}

/// <summary>
/// <c>{"metric":"percentage","op":"&gt;=","value":70}</c>, <c>{"metric":"dimension","dimension":"D","op":"&gt;","value":5}</c>,
/// <c>{"metric":"score",...}</c> or <c>{"metric":"topDimension","equals":"D"}</c>.
/// </summary>
public sealed class Condition
{
    public string Metric { get; set; } = "";
    public string? Dimension { get; set; }
    public string? Op { get; set; }
    public decimal? Value { get; set; }
    [JsonPropertyName("equals")] public string? EqualTo { get; set; }
}

/// <summary>One problem in a scoring JSON: where (<c>$.rankings[1].min</c>) and why.</summary>
public sealed record ScoringError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
