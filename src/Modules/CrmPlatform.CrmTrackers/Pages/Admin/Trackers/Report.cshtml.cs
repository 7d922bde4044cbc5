using System.Text.Json;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.CrmTrackers.Pages.Admin.Trackers;

[Authorize(Policy = "Leads.View")]
internal sealed class ReportModel(Features.Trackers trackers, Reports reports) : PageModel
{
    public TrackerDto Tracker { get; private set; } = default!;
    public TrackerReport Report { get; private set; } = default!;
    public string StatusChart { get; private set; } = "";
    public string FunnelChart { get; private set; } = "";
    public string MonthChart { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await trackers.GetAsync(id, ct) is not { } tracker || await reports.GetAsync(id, ct) is not { } report)
        {
            return NotFound();
        }
        Tracker = tracker;
        Report = report;
        StatusChart = ReportCharts.ByStatus(report);
        FunnelChart = ReportCharts.Funnel(report);
        MonthChart = ReportCharts.ByMonth(report);
        return Page();
    }
}

/// <summary>Chart.js configurations (rendered by admin.js from <c>canvas[data-chart]</c>).</summary>
internal static class ReportCharts
{
    public static string ByStatus(TrackerReport r) => JsonSerializer.Serialize(new
    {
        type = "bar",
        data = new
        {
            labels = r.ByStatus.Select(s => s.Status.ToTitle()),
            datasets = new object[]
            {
                new { label = "Leads", data = r.ByStatus.Select(s => s.Count), yAxisID = "y" },
                new { label = "Value", data = r.ByStatus.Select(s => s.TotalValue), yAxisID = "y1" },
            },
        },
        options = new { scales = new { y = new { beginAtZero = true, position = "left" }, y1 = new { beginAtZero = true, position = "right", grid = new { drawOnChartArea = false } } } },
    });

    public static string Funnel(TrackerReport r) => JsonSerializer.Serialize(new
    {
        type = "bar",
        data = new { labels = r.Funnel.Select(s => s.Status.ToTitle()), datasets = new[] { new { label = "Leads that reached the stage", data = r.Funnel.Select(s => s.Count) } } },
        options = new { indexAxis = "y", plugins = new { legend = new { display = false } } },
    });

    public static string ByMonth(TrackerReport r) => JsonSerializer.Serialize(new
    {
        type = "line",
        data = new { labels = r.ByCloseMonth.Select(m => m.Month), datasets = new[] { new { label = "Expected value", data = r.ByCloseMonth.Select(m => m.ExpectedValue) } } },
        options = new { scales = new { y = new { beginAtZero = true } } },
    });
}
