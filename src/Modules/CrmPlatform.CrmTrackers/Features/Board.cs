using CrmPlatform.CrmTrackers.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

public sealed record BoardCard(Guid Id, string Title, string? ContactName, decimal? EstimatedValue, DateTime? ExpectedCloseDate, string? AssignedToName, DateTime UpdatedAt);

public sealed record BoardColumn(LeadStatus Status, int Count, decimal Total, IReadOnlyList<BoardCard> Cards);

public sealed record BoardDto(TrackerDto Tracker, IReadOnlyList<BoardColumn> Columns, int PerColumn);

/// <summary>
/// The pipeline board: counts and totals per status in one grouped query, then the most recently updated cards of
/// each column (one indexed query per status: tracker, status, updated_at, id).
/// </summary>
internal sealed class Board(Trackers trackers, LeadAccess access)
{
    public const int DefaultPerColumn = 25;

    public async Task<BoardDto?> GetAsync(Guid trackerId, int perColumn, CancellationToken ct)
    {
        var tracker = await trackers.GetAsync(trackerId, ct);
        if (tracker is null)
        {
            return null;
        }
        perColumn = Math.Clamp(perColumn, 1, 200);
        var leads = (await access.LeadsAsync(ct)).AsNoTracking().Where(l => l.TrackerId == trackerId);
        var totals = await leads.GroupBy(l => l.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Total = g.Sum(l => l.EstimatedValue) })
            .ToListAsync(ct);
        var columns = new List<BoardColumn>();
        foreach (var status in LeadStatuses.All)
        {
            var total = totals.FirstOrDefault(t => t.Status == status);
            IReadOnlyList<BoardCard> cards = [];
            if (total is not null)
            {
                cards = await leads.Where(l => l.Status == status)
                    .OrderByDescending(l => l.UpdatedAt).ThenByDescending(l => l.Id).Take(perColumn)
                    .Select(l => new BoardCard(l.Id, l.Title, l.Contact!.Name, l.EstimatedValue, l.ExpectedCloseDate,
                        l.AssignedTo == null ? null : l.AssignedTo.FirstName + " " + l.AssignedTo.LastName, l.UpdatedAt))
                    .ToListAsync(ct);
            }
            columns.Add(new BoardColumn(status, total?.Count ?? 0, Math.Round(total?.Total ?? 0, 2), cards));
        }
        return new BoardDto(tracker, columns, perColumn);
    }
}
