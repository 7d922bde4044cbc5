using System.Globalization;

namespace CrmPlatform.Core.Workflows;

/// <summary>Whether an activity starts (or resumes) a workflow when something happens, or does work.</summary>
public enum ActivityKind
{
    Event,
    Task,
}

/// <summary>How a property is edited, validated and read.</summary>
public enum ActivityPropertyType
{
    /// <summary>Plain text, used as typed.</summary>
    Text,

    /// <summary>A Liquid template rendered with <c>Event</c>, <c>Variables</c> and <c>Workflow</c> before the task reads it.</summary>
    Liquid,

    /// <summary>A JavaScript expression or script run in the sandbox.</summary>
    JavaScript,

    Number,
    Boolean,

    /// <summary>One of <see cref="ActivityProperty.Options"/>.</summary>
    Select,

    /// <summary>One value per line (switch cases, allowed hosts…).</summary>
    Lines,

    /// <summary>A duration such as <c>30s</c>, <c>15m</c>, <c>2h</c>, <c>3d</c> or <c>01:30:00</c>.</summary>
    Duration,

    /// <summary>A cron expression (five fields, or six with seconds).</summary>
    Cron,
}

/// <summary>A typed property of an activity, as the editor shows it and as save-time validation checks it.</summary>
public sealed record ActivityProperty(string Name, string Title, ActivityPropertyType Type = ActivityPropertyType.Text, bool Required = false)
{
    public string? Description { get; init; }

    /// <summary>The value a new activity starts with.</summary>
    public string? Default { get; init; }

    /// <summary>The allowed values of a <see cref="ActivityPropertyType.Select"/> property.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>
    /// Checks a value's shape (required, number, boolean, option, duration). Liquid, JavaScript and cron syntax are
    /// checked by the workflow module, which owns the parsers. Returns null when the value is acceptable.
    /// </summary>
    public string? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Required ? $"{Title} is required." : null;
        }
        return Type switch
        {
            ActivityPropertyType.Number when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => $"{Title} must be a number.",
            ActivityPropertyType.Boolean when !bool.TryParse(value, out _) => $"{Title} must be true or false.",
            ActivityPropertyType.Select when !Options.Contains(value, StringComparer.Ordinal) => $"{Title} must be one of: {string.Join(", ", Options)}.",
            ActivityPropertyType.Duration when !DurationParser.TryParse(value, out _) => $"{Title} must be a duration such as 30s, 15m, 2h, 3d or 01:30:00.",
            _ => null,
        };
    }
}

/// <summary>
/// What the designer and the engine know about an activity type: its stable <see cref="Name"/> (stored in workflow
/// graphs), the module that owns it (the activity is hidden and never runs while that feature is off), its
/// properties and its named outcomes.
/// </summary>
public sealed record ActivityDescriptor(string Name, string Title, string Category, string ModuleId, ActivityKind Kind)
{
    public string Description { get; init; } = "";

    public IReadOnlyList<ActivityProperty> Properties { get; init; } = [];

    /// <summary>The outcomes the activity can end with (each can be connected to a next activity).</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = ["Done"];

    /// <summary>When set, each line of this <see cref="ActivityPropertyType.Lines"/> property is an extra outcome (switch cases, fork branches).</summary>
    public string? OutcomesProperty { get; init; }

    /// <summary>True for activities that suspend the instance (waits and timers): only a cycle through one is allowed.</summary>
    public bool Suspends { get; init; }

    public ActivityProperty? Find(string property) => Properties.FirstOrDefault(p => p.Name == property);

    /// <summary>The outcomes of one configured activity: the fixed ones plus, for dynamic activities, one per line of <see cref="OutcomesProperty"/>.</summary>
    public IReadOnlyList<string> OutcomesFor(IReadOnlyDictionary<string, string> properties)
    {
        if (OutcomesProperty is null || !properties.TryGetValue(OutcomesProperty, out var lines))
        {
            return Outcomes;
        }
        return [.. SplitLines(lines).Concat(Outcomes).Distinct(StringComparer.Ordinal)];
    }

    public static IEnumerable<string> SplitLines(string? value) =>
        (value ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Reads the durations of <see cref="ActivityPropertyType.Duration"/> properties.</summary>
public static class DurationParser
{
    public static bool TryParse(string? value, out TimeSpan duration)
    {
        duration = default;
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        if (value.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        }
        var unit = char.ToLowerInvariant(value[^1]);
        if (!double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0 || amount > 1e6)
        {
            return false;
        }
        TimeSpan? parsed = unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
        duration = parsed ?? default;
        return parsed is not null;
    }
}
