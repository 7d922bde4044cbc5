using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>The list's search, filters, sort and cursor, bound from the query string by screens and the API alike.</summary>
public sealed class LeadFilter
{
    public Guid? TrackerId { get; set; }
    [StringLength(200)] public string? Q { get; set; }
    [StringLength(32)] public string? Status { get; set; }
    public Guid? AssignedToId { get; set; }
    public Guid? ContactId { get; set; }
    public decimal? MinValue { get; set; }
    public decimal? MaxValue { get; set; }
    public DateTime? CloseFrom { get; set; }
    public DateTime? CloseTo { get; set; }
    /// <summary>A custom field of the tracker and the (stored) value it must have; for multi-select, one of its values.</summary>
    public Guid? FieldId { get; set; }
    [StringLength(1000)] public string? FieldValue { get; set; }
    /// <summary>created, updated, title, value or close; a leading '-' sorts descending. Default -created.</summary>
    [StringLength(16)] public string? Sort { get; set; }
    [StringLength(1024)] public string? Cursor { get; set; }
    [Range(1, Core.Api.Cursor.MaxLimit)] public int? Limit { get; set; }
    /// <summary>List deleted leads instead (to restore them); needs Leads.Delete.</summary>
    public bool? Deleted { get; set; }
}

/// <summary>Lists leads within the user's scope, keyset-paged; custom field values come in one extra query per page.</summary>
internal sealed class LeadSearch(CrmDbContext db, LeadAccess access)
{
    public static readonly string[] SortKeys = ["created", "updated", "title", "value", "close"];

    private sealed record Position(string Sort, string? K, Guid Id);

    public async Task<Result<CursorPage<LeadDto>>> SearchAsync(LeadFilter filter, CancellationToken ct)
    {
        var errors = Errors.Of(filter);
        var sort = string.IsNullOrEmpty(filter.Sort) ? "-created" : filter.Sort;
        var desc = sort.StartsWith('-');
        var key = sort.TrimStart('-');
        if (!SortKeys.Contains(key))
        {
            errors["sort"] = [$"Sort by one of {string.Join(", ", SortKeys)} (prefix '-' for descending)."];
        }
        LeadStatus status = default;
        if (!string.IsNullOrEmpty(filter.Status) && !EnumNames.TryParse(filter.Status, out status))
        {
            errors["status"] = [$"'{filter.Status}' is not a lead status ({string.Join(", ", EnumNames.All<LeadStatus>())})."];
        }
        if (!Core.Api.Cursor.TryDecode<Position>(filter.Cursor, out var after) || (after is not null && after.Sort != sort))
        {
            errors["cursor"] = ["The cursor is not valid; start again from the first page."];
        }
        CrmField? field = null;
        if (filter.FieldId is { } fieldId)
        {
            field = await db.Fields().AsNoTracking().FirstOrDefaultAsync(f => f.Id == fieldId && (filter.TrackerId == null || f.TrackerId == filter.TrackerId), ct);
            if (field is null)
            {
                errors["fieldId"] = ["The field does not belong to this tracker."];
            }
        }
        if (filter.Deleted == true && !await access.HasAsync(CrmTrackersPermissions.Delete, ct))
        {
            errors["deleted"] = ["Listing deleted leads needs the Leads.Delete permission."];
        }
        if (errors.Count > 0)
        {
            return Result<CursorPage<LeadDto>>.Invalid(errors);
        }
        var query = (await access.LeadsAsync(ct)).AsNoTracking();
        if (filter.Deleted == true)
        {
            query = query.IgnoreQueryFilters().Where(l => l.DeletedAt != null);
        }
        query = Filter(query, filter, string.IsNullOrEmpty(filter.Status) ? null : status, field);
        var limit = Core.Api.Cursor.ClampLimit(filter.Limit);
        var rows = key switch
        {
            "updated" => await Page(query, l => l.UpdatedAt, desc, after, Date).Take(limit + 1).Select(LeadRow.Projection).ToListAsync(ct),
            "title" => await Page(query, l => l.NormalizedTitle, desc, after, s => s!).Take(limit + 1).Select(LeadRow.Projection).ToListAsync(ct),
            "value" => await Keyset.PageNullableAsync(query, l => l.EstimatedValue, desc,
                after?.K is null ? null : decimal.Parse(after.K, CultureInfo.InvariantCulture), after is not null && after.K is null, after?.Id, limit + 1, LeadRow.Projection, ct),
            "close" => await Keyset.PageNullableAsync(query, l => l.ExpectedCloseDate, desc,
                after?.K is null ? null : Date(after.K), after is not null && after.K is null, after?.Id, limit + 1, LeadRow.Projection, ct),
            _ => await Page(query, l => l.CreatedAt, desc, after, Date).Take(limit + 1).Select(LeadRow.Projection).ToListAsync(ct),
        };
        var page = rows.Take(limit).ToList();
        string? next = null;
        if (rows.Count > limit)
        {
            var last = page[^1];
            string? k = key switch
            {
                "updated" => last.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
                "title" => last.Title.Trim().ToLowerInvariant(),
                "value" => last.EstimatedValue?.ToString(CultureInfo.InvariantCulture),
                "close" => last.ExpectedCloseDate?.ToString("O", CultureInfo.InvariantCulture),
                _ => last.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            };
            next = Core.Api.Cursor.Encode(new Position(sort, k, last.Id));
        }
        var fields = await FieldsOfAsync(db, page.Select(r => r.Id).ToList(), ct);
        return Result<CursorPage<LeadDto>>.Ok(new CursorPage<LeadDto>(
            [.. page.Select(r => r.ToDto(fields.GetValueOrDefault(r.Id) ?? new Dictionary<string, JsonNode?>()))], next));
    }

    /// <summary>Typed custom field values of the given leads, in one query.</summary>
    public static async Task<Dictionary<Guid, Dictionary<string, JsonNode?>>> FieldsOfAsync(CrmDbContext db, List<Guid> leadIds, CancellationToken ct)
    {
        if (leadIds.Count == 0)
        {
            return [];
        }
        var values = await db.LeadFieldValues().AsNoTracking().Where(v => leadIds.Contains(v.LeadId))
            .Select(v => new { v.LeadId, v.Field!.Name, v.Field.Type, v.Value }).ToListAsync(ct);
        return values.GroupBy(v => v.LeadId).ToDictionary(g => g.Key, g => g.ToDictionary(v => v.Name, v => FieldValues.ToTyped(v.Type, v.Value)));
    }

    private static IQueryable<Lead> Filter(IQueryable<Lead> query, LeadFilter filter, LeadStatus? status, CrmField? field)
    {
        if (filter.TrackerId is { } trackerId)
        {
            query = query.Where(l => l.TrackerId == trackerId);
        }
        if (status is { } s)
        {
            query = query.Where(l => l.Status == s);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var needle = filter.Q.Trim().ToLowerInvariant();
            query = query.Where(l => l.NormalizedTitle.Contains(needle));
        }
        if (filter.AssignedToId is { } assignee)
        {
            query = query.Where(l => l.AssignedToId == assignee);
        }
        if (filter.ContactId is { } contact)
        {
            query = query.Where(l => l.ContactId == contact);
        }
        if (filter.MinValue is { } min)
        {
            query = query.Where(l => l.EstimatedValue >= min);
        }
        if (filter.MaxValue is { } max)
        {
            query = query.Where(l => l.EstimatedValue <= max);
        }
        if (filter.CloseFrom is { } from)
        {
            var utc = DateTime.SpecifyKind(from.Date, DateTimeKind.Utc);
            query = query.Where(l => l.ExpectedCloseDate >= utc);
        }
        if (filter.CloseTo is { } to)
        {
            var utc = DateTime.SpecifyKind(to.Date.AddDays(1), DateTimeKind.Utc);
            query = query.Where(l => l.ExpectedCloseDate < utc);
        }
        if (field is not null && !string.IsNullOrEmpty(filter.FieldValue))
        {
            var fieldId = field.Id;
            var value = filter.FieldValue.Trim();
            if (field.Type == FieldType.MultiSelect)
            {
                var quoted = System.Text.Json.JsonSerializer.Serialize(value);
                query = query.Where(l => l.FieldValues.Any(v => v.FieldId == fieldId && v.Value!.Contains(quoted)));
            }
            else
            {
                if (field.Type == FieldType.Email)
                {
                    value = value.ToLowerInvariant();
                }
                query = query.Where(l => l.FieldValues.Any(v => v.FieldId == fieldId && v.Value == value));
            }
        }
        return query;
    }

    private static DateTime Date(string? value) => DateTime.Parse(value!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static IQueryable<Lead> Page<TKey>(IQueryable<Lead> query, System.Linq.Expressions.Expression<Func<Lead, TKey>> key, bool desc, Position? after, Func<string?, TKey> parse)
    {
        if (after is not null)
        {
            query = Keyset.After(query, key, parse(after.K), after.Id, desc);
        }
        return Keyset.Order(query, key, desc);
    }
}
