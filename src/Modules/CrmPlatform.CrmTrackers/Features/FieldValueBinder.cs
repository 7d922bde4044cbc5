using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>
/// Applies posted custom field values to a lead: resolves each key (field name or id) within the lead's tracker,
/// validates every value, and only when all are valid changes the lead's LEAD_FIELD_VALUES rows.
/// </summary>
internal static class FieldValueBinder
{
    /// <summary>Checks <paramref name="input"/>; returns the canonical value per field (absent fields keep <paramref name="current"/>).</summary>
    public static Dictionary<Guid, string?> Resolve(
        IReadOnlyList<CrmField> fields, IReadOnlyDictionary<string, JsonNode?>? input, IReadOnlyDictionary<Guid, string?> current,
        string phoneRegion, Dictionary<string, string[]> errors)
    {
        var result = new Dictionary<Guid, string?>();
        var given = new Dictionary<Guid, JsonNode?>();
        foreach (var (key, value) in input ?? new Dictionary<string, JsonNode?>())
        {
            var field = fields.FirstOrDefault(f => f.Name == key) ?? (Guid.TryParse(key, out var id) ? fields.FirstOrDefault(f => f.Id == id) : null);
            if (field is null)
            {
                errors[$"fields.{key}"] = [Guid.TryParse(key, out _)
                    ? $"The field '{key}' does not belong to this tracker."
                    : $"'{key}' is not a field of this tracker ({string.Join(", ", fields.Select(f => f.Name))})."];
                continue;
            }
            given[field.Id] = value;
        }
        foreach (var field in fields)
        {
            if (given.TryGetValue(field.Id, out var value))
            {
                var (stored, error) = FieldValues.Normalize(field, value, phoneRegion);
                if (error is not null)
                {
                    errors[$"fields.{field.Name}"] = [error];
                }
                result[field.Id] = stored;
            }
            else
            {
                var existing = current.GetValueOrDefault(field.Id);
                if (existing is null && field.IsRequired)
                {
                    errors[$"fields.{field.Name}"] = [$"{field.Label} is required."];
                }
                result[field.Id] = existing;
            }
        }
        return result;
    }

    /// <summary>Writes the resolved values: inserts, updates, or removes rows whose value became empty.</summary>
    public static async Task ApplyAsync(CrmDbContext db, Lead lead, IReadOnlyDictionary<Guid, string?> values, CancellationToken ct)
    {
        var rows = db.Entry(lead).State == EntityState.Added
            ? []
            : await db.LeadFieldValues().Where(v => v.LeadId == lead.Id).ToListAsync(ct);
        foreach (var (fieldId, value) in values)
        {
            var row = rows.FirstOrDefault(r => r.FieldId == fieldId);
            if (value is null)
            {
                if (row is not null)
                {
                    db.LeadFieldValues().Remove(row);
                }
            }
            else if (row is null)
            {
                db.LeadFieldValues().Add(new LeadFieldValue { LeadId = lead.Id, FieldId = fieldId, Value = value });
            }
            else if (row.Value != value)
            {
                row.Value = value;
            }
        }
    }

    public static async Task<Dictionary<Guid, string?>> CurrentAsync(CrmDbContext db, Guid leadId, CancellationToken ct) =>
        await db.LeadFieldValues().AsNoTracking().Where(v => v.LeadId == leadId).ToDictionaryAsync(v => v.FieldId, v => v.Value, ct);
}
