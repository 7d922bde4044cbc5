using System.Text.Json;

namespace CrmPlatform.Assessments.Features;

/// <summary>Chart.js configurations for <c>canvas[data-chart]</c> (rendered by the admin theme's script).</summary>
public static class ResultCharts
{
    public static string Scores(ResultStats stats) => JsonSerializer.Serialize(new
    {
        type = "bar",
        data = new
        {
            labels = Enumerable.Range(0, 10).Select(i => i == 9 ? "90–100" : $"{i * 10}–{i * 10 + 9}").ToArray(),
            datasets = new[] { new { label = "Responses", data = stats.Bands } },
        },
        options = new { plugins = new { legend = new { display = false } }, scales = new { y = new { beginAtZero = true, ticks = new { precision = 0 } } } },
    });

    public static string Types(ResultStats stats) => JsonSerializer.Serialize(new
    {
        type = "doughnut",
        data = new
        {
            labels = stats.PersonalityTypes.Keys.ToArray(),
            datasets = new[] { new { label = "Responses", data = stats.PersonalityTypes.Values.ToArray() } },
        },
    });
}
