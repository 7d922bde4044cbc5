using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>One lead with its custom fields, notes and status history (read from the audit log).</summary>
internal sealed class LeadDetailsQuery(CrmDbContext db, LeadAccess access)
{
    public async Task<LeadDto?> GetAsync(Guid id, CancellationToken ct, bool deleted = false)
    {
        var leads = (await access.LeadsAsync(ct)).AsNoTracking();
        if (deleted)
        {
            leads = leads.IgnoreQueryFilters().Where(l => l.DeletedAt != null);
        }
        var row = await leads.Where(l => l.Id == id).Select(LeadRow.Projection).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var fields = await LeadSearch.FieldsOfAsync(db, [id], ct);
        return row.ToDto(fields.GetValueOrDefault(id) ?? new Dictionary<string, JsonNode?>());
    }

    public async Task<LeadDetails?> DetailsAsync(Guid id, CancellationToken ct)
    {
        var lead = await GetAsync(id, ct);
        if (lead is null)
        {
            return null;
        }
        var values = await db.LeadFieldValues().AsNoTracking().Where(v => v.LeadId == id).ToDictionaryAsync(v => v.FieldId, v => v.Value, ct);
        var fields = await db.Fields().AsNoTracking().Where(f => f.TrackerId == lead.TrackerId).OrderBy(f => f.SortOrder).ThenBy(f => f.Name).ToListAsync(ct);
        var fieldDtos = fields.Select(f => new LeadFieldDto(f.Id, f.Name, f.Label, f.Type, values.GetValueOrDefault(f.Id), FieldValues.Display(f.Type, values.GetValueOrDefault(f.Id)))).ToList();
        var notes = await db.LeadNotes().AsNoTracking().Where(n => n.LeadId == id).OrderByDescending(n => n.CreatedAt)
            .Select(n => new LeadNoteDto(n.Id, n.Content, n.CreatedById, n.CreatedBy == null ? null : n.CreatedBy.FirstName + " " + n.CreatedBy.LastName, n.CreatedAt, n.UpdatedAt))
            .ToListAsync(ct);
        return new LeadDetails(lead, fieldDtos, [.. fields.Select(FieldDto.From)], notes, await HistoryAsync(id, ct));
    }

    /// <summary>Status changes with who and when, oldest first: the audit log is the record.</summary>
    public async Task<IReadOnlyList<StatusChangeDto>> HistoryAsync(Guid id, CancellationToken ct)
    {
        var key = id.ToString();
        var entries = await db.AuditLog.AsNoTracking()
            .Where(a => a.EntityType == nameof(Lead) && a.EntityId == key && a.Changes.Contains("\"Status\""))
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .Select(a => new { a.At, a.UserId, a.Changes, User = db.Users.Where(u => u.Id == a.UserId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefault() })
            .ToListAsync(ct);
        var history = new List<StatusChangeDto>();
        foreach (var entry in entries)
        {
            using var doc = JsonDocument.Parse(entry.Changes);
            if (!doc.RootElement.TryGetProperty(nameof(Lead.Status), out var change) || !change.TryGetProperty("new", out var to) || ReadStatus(to) is not { } next)
            {
                continue;
            }
            var from = change.TryGetProperty("old", out var old) ? ReadStatus(old) : null;
            history.Add(new StatusChangeDto(entry.At, entry.UserId, entry.User, from, next));
        }
        return history;
    }

    private static LeadStatus? ReadStatus(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt32(out var n) && Enum.IsDefined((LeadStatus)n) => (LeadStatus)n,
        JsonValueKind.String when EnumNames.TryParse<LeadStatus>(value.GetString(), out var s) => s,
        JsonValueKind.String when Enum.TryParse<LeadStatus>(value.GetString(), out var s) => s,
        _ => null,
    };
}
