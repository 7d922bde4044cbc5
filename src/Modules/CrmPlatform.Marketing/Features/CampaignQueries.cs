using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Features;

/// <summary>Reads campaigns, their messages and timeline; keyset-paged lists.</summary>
public sealed class CampaignQueries(CrmDbContext db)
{
    private sealed record ListKey(DateTime CreatedAt, Guid Id);

    public async Task<CampaignDto?> GetAsync(Guid id, CancellationToken ct)
    {
        var c = await db.Set<MarketingCampaign>().AsNoTracking().Include(x => x.Category).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }
        var counts = await db.Set<MarketingMessage>().AsNoTracking().Where(m => m.CampaignId == id && (m.Status == MessageStatus.Failed || m.Status == MessageStatus.Pending))
            .GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return new CampaignDto(c.Id, c.Name, c.Description, c.Type, c.Status, c.PausedAt is not null, c.Subject, c.Content, c.CategoryId, c.Category?.Name,
            c.ScheduledAt, c.SentAt, c.TotalRecipients, c.SentCount, c.DeliveredCount, c.OpenedCount, c.ClickedCount,
            counts.FirstOrDefault(x => x.Key == MessageStatus.Failed)?.Count ?? 0, counts.FirstOrDefault(x => x.Key == MessageStatus.Pending)?.Count ?? 0,
            c.CreatedById, c.CreatedAt, c.UpdatedAt);
    }

    /// <summary>Newest first; <paramref name="search"/> matches the name; null when the cursor does not decode.</summary>
    public async Task<CursorPage<CampaignListItem>?> ListAsync(string? search, CampaignStatus? status, string? cursor, int? limit, CancellationToken ct)
    {
        if (!Cursor.TryDecode<ListKey>(cursor, out var after))
        {
            return null;
        }
        var take = Cursor.ClampLimit(limit);
        var query = db.Set<MarketingCampaign>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(c => c.Name.ToLower().Contains(term));
        }
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }
        if (after is not null)
        {
            query = query.Where(c => c.CreatedAt < after.CreatedAt || (c.CreatedAt == after.CreatedAt && c.Id.CompareTo(after.Id) < 0));
        }
        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(take + 1)
            .Select(c => new CampaignListItem(c.Id, c.Name, c.Type, c.Status, c.PausedAt != null, c.Category!.Name, c.ScheduledAt, c.SentAt,
                c.TotalRecipients, c.SentCount, c.OpenedCount, c.ClickedCount, c.CreatedAt))
            .ToListAsync(ct);
        var next = rows.Count > take ? Cursor.Encode(new ListKey(rows[take - 1].CreatedAt, rows[take - 1].Id)) : null;
        return new CursorPage<CampaignListItem>(rows.Take(take).ToList(), next);
    }

    /// <summary>A campaign's messages by id, optionally of one status; null when the campaign is unknown or the cursor bad.</summary>
    public async Task<CursorPage<MessageDto>?> MessagesAsync(Guid campaignId, MessageStatus? status, string? cursor, int? limit, CancellationToken ct)
    {
        if (!await db.Set<MarketingCampaign>().AnyAsync(c => c.Id == campaignId, ct) || !Cursor.TryDecode<Guid?>(cursor, out var after))
        {
            return null;
        }
        var take = Cursor.ClampLimit(limit);
        var query = db.Set<MarketingMessage>().AsNoTracking().Where(m => m.CampaignId == campaignId);
        if (status is { } s)
        {
            query = query.Where(m => m.Status == s);
        }
        if (after is { } a)
        {
            query = query.Where(m => m.Id.CompareTo(a) > 0);
        }
        var rows = await query.OrderBy(m => m.Id).Take(take + 1)
            .Select(m => new MessageDto(m.Id, m.ContactId, db.Set<Contact>().IgnoreQueryFilters().Where(c => c.Id == m.ContactId).Select(c => c.Name).FirstOrDefault(),
                m.Recipient, m.Status, m.SentAt, m.DeliveredAt, m.OpenedAt, m.ClickedAt, m.ErrorMessage, m.Attempts, m.CreatedAt))
            .ToListAsync(ct);
        var next = rows.Count > take ? Cursor.Encode<Guid?>(rows[take - 1].Id) : null;
        return new CursorPage<MessageDto>(rows.Take(take).ToList(), next);
    }

    public async Task<IReadOnlyList<ContactMessageDto>> ForContactAsync(Guid contactId, int take, CancellationToken ct) =>
        await db.Set<MarketingMessage>().AsNoTracking().Where(m => m.ContactId == contactId)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(take)
            .Select(m => new ContactMessageDto(m.Id, m.CampaignId, m.Campaign!.Name, m.Campaign.Type, m.Status, m.Recipient, m.SentAt, m.DeliveredAt, m.OpenedAt, m.ClickedAt, m.ErrorMessage, m.CreatedAt))
            .ToListAsync(ct);

    /// <summary>
    /// Sends, opens and clicks per hour over the campaign's life (per day beyond four days), counted from the message
    /// timestamps; at most 2,000 rows of each kind are grouped in the database, the rest in memory.
    /// </summary>
    public async Task<CampaignTimeline?> TimelineAsync(Guid campaignId, CancellationToken ct)
    {
        if (!await db.Set<MarketingCampaign>().AnyAsync(c => c.Id == campaignId, ct))
        {
            return null;
        }
        var messages = db.Set<MarketingMessage>().AsNoTracking().Where(m => m.CampaignId == campaignId);
        var sent = await Buckets(messages.Where(m => m.SentAt != null).Select(m => m.SentAt!.Value), ct);
        var opened = await Buckets(messages.Where(m => m.OpenedAt != null).Select(m => m.OpenedAt!.Value), ct);
        var clicked = await Buckets(messages.Where(m => m.ClickedAt != null).Select(m => m.ClickedAt!.Value), ct);
        var all = sent.Keys.Concat(opened.Keys).Concat(clicked.Keys).ToList();
        if (all.Count == 0)
        {
            return new CampaignTimeline("hour", [], [], [], []);
        }
        var first = all.Min();
        var last = all.Max();
        var daily = last - first > TimeSpan.FromDays(4);
        var step = daily ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
        DateTime Bucket(DateTime t) => daily ? t.Date : new DateTime(t.Year, t.Month, t.Day, t.Hour, 0, 0, DateTimeKind.Utc);
        var labels = new List<string>();
        var slots = new List<DateTime>();
        for (var t = Bucket(first); t <= Bucket(last); t += step)
        {
            slots.Add(t);
            labels.Add(daily ? t.ToString("yyyy-MM-dd") : t.ToString("MM-dd HH:00"));
        }
        List<int> Series(Dictionary<DateTime, int> hours) => slots.Select(s => hours.Where(h => Bucket(h.Key) == s).Sum(h => h.Value)).ToList();
        return new CampaignTimeline(daily ? "day" : "hour", labels, Series(sent), Series(opened), Series(clicked));
    }

    /// <summary>Counts per hour: grouped by the database over the (year, month, day, hour) parts.</summary>
    private static async Task<Dictionary<DateTime, int>> Buckets(IQueryable<DateTime> times, CancellationToken ct)
    {
        var rows = await times.GroupBy(t => new { t.Year, t.Month, t.Day, t.Hour })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, Count = g.Count() })
            .Take(5000).ToListAsync(ct);
        return rows.ToDictionary(r => new DateTime(r.Year, r.Month, r.Day, r.Hour, 0, 0, DateTimeKind.Utc), r => r.Count);
    }
}
