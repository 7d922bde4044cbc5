using System.Text.Json;
using CrmPlatform.Questionnaires.Data;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>Chart.js configurations for <c>canvas[data-chart]</c> (rendered by the admin theme's script); null for text questions.</summary>
public static class SummaryCharts
{
    public static string? For(QuestionSummary question) => question.Type switch
    {
        QuestionType.YesNo => JsonSerializer.Serialize(new
        {
            type = "doughnut",
            data = new { labels = question.Options.Select(o => o.Text).ToArray(), datasets = new[] { new { label = "Answers", data = question.Options.Select(o => o.Count).ToArray() } } },
        }),
        QuestionType.MultipleChoice or QuestionType.Checkbox => Bar(question.Options.Select(o => o.Text), question.Options.Select(o => o.Count), "y"),
        QuestionType.RatingScale when question.Rating is { } r => Bar(r.Values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), r.Counts, "x"),
        _ => null,
    };

    private static string Bar(IEnumerable<string> labels, IEnumerable<int> counts, string indexAxis) => JsonSerializer.Serialize(new
    {
        type = "bar",
        data = new { labels = labels.ToArray(), datasets = new[] { new { label = "Answers", data = counts.ToArray() } } },
        options = new
        {
            indexAxis,
            plugins = new { legend = new { display = false } },
            scales = indexAxis == "y"
                ? (object)new { x = new { beginAtZero = true, ticks = new { precision = 0 } } }
                : new { y = new { beginAtZero = true, ticks = new { precision = 0 } } },
        },
    });
}
