using CrmPlatform.CrmTrackers.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

public sealed record StatusFigure(LeadStatus Status, int Count, decimal TotalValue);

public sealed record FunnelStage(LeadStatus Status, int Count);

public sealed record MonthFigure(string Month, int Count, decimal ExpectedValue);

/// <summary>
/// A tracker's figures. <see cref="WinRate"/> is closed_won / (closed_won + closed_lost), null before any lead closed.
/// The funnel counts the leads that reached each stage (a lead in proposal has passed new, contacted and qualified;
/// on_hold and closed_lost leads are left out because their stage is unknown). Expected value by close month sums the
/// estimated value of leads not lost, by the month of their expected close date.
/// </summary>
public sealed record TrackerReport(
    Guid TrackerId, string TrackerName, int TotalLeads, decimal TotalValue, IReadOnlyList<StatusFigure> ByStatus,
    IReadOnlyList<FunnelStage> Funnel, int Won, int Lost, double? WinRate, IReadOnlyList<MonthFigure> ByCloseMonth);

/// <summary>Aggregates computed in SQL (two grouped queries) over the leads the user can see.</summary>
internal sealed class Reports(Trackers trackers, LeadAccess access)
{
    public async Task<TrackerReport?> GetAsync(Guid trackerId, CancellationToken ct)
    {
        var tracker = await trackers.GetAsync(trackerId, ct);
        if (tracker is null)
        {
            return null;
        }
        var leads = (await access.LeadsAsync(ct)).AsNoTracking().Where(l => l.TrackerId == trackerId);
        var rows = await leads.GroupBy(l => l.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Total = g.Sum(l => l.EstimatedValue) })
            .ToListAsync(ct);
        var byStatus = LeadStatuses.All
            .Select(s => rows.FirstOrDefault(r => r.Status == s) is { } r ? new StatusFigure(s, r.Count, Math.Round(r.Total ?? 0, 2)) : new StatusFigure(s, 0, 0))
            .ToList();
        var funnel = new List<FunnelStage>();
        for (var i = 0; i < LeadStatuses.Funnel.Count; i++)
        {
            var reached = LeadStatuses.Funnel.Skip(i).ToHashSet();
            funnel.Add(new FunnelStage(LeadStatuses.Funnel[i], byStatus.Where(s => reached.Contains(s.Status)).Sum(s => s.Count)));
        }
        var won = byStatus.First(s => s.Status == LeadStatus.ClosedWon).Count;
        var lost = byStatus.First(s => s.Status == LeadStatus.ClosedLost).Count;
        double? winRate = won + lost == 0 ? null : Math.Round((double)won / (won + lost), 4);

        var months = await leads.Where(l => l.ExpectedCloseDate != null && l.Status != LeadStatus.ClosedLost)
            .GroupBy(l => new { l.ExpectedCloseDate!.Value.Year, l.ExpectedCloseDate.Value.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count(), Total = g.Sum(l => l.EstimatedValue) })
            .ToListAsync(ct);
        var byMonth = months.OrderBy(m => m.Year).ThenBy(m => m.Month)
            .Select(m => new MonthFigure($"{m.Year:D4}-{m.Month:D2}", m.Count, Math.Round(m.Total ?? 0, 2)))
            .ToList();
        return new TrackerReport(tracker.Id, tracker.Name, byStatus.Sum(s => s.Count), byStatus.Sum(s => s.TotalValue), byStatus, funnel, won, lost, winRate, byMonth);
    }
}
