using System.Globalization;

namespace CrmPlatform.Assessments.Features;

/// <summary>Dimension points as the builder shows them: <c>D=2, I=1</c>.</summary>
public static class DimensionText
{
    public static string Format(IReadOnlyDictionary<string, int> dimensions) =>
        string.Join(", ", dimensions.Select(d => $"{d.Key}={d.Value.ToString(CultureInfo.InvariantCulture)}"));

    public static Dictionary<string, int>? Parse(string? text, out string? error)
    {
        error = null;
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0 || !int.TryParse(pair[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var points))
            {
                error = $"'{part}' is not in the form name=points.";
                return null;
            }
            result[pair[0]] = points;
        }
        return result.Count == 0 ? null : result;
    }
}
