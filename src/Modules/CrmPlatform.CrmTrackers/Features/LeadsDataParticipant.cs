using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>
/// A contact's leads in data-subject requests. Export: every lead (deleted ones too) with its custom values and notes.
/// Erase: titles, descriptions, free-text custom values and notes are blanked; tracker, status, value and dates stay,
/// so pipeline counts and reports do not change.
/// </summary>
internal sealed class LeadsDataParticipant : IContactDataParticipant
{
    private static readonly FieldType[] FreeText = [FieldType.Text, FieldType.Textarea, FieldType.Email, FieldType.Phone];

    public string Section => "leads";

    public async Task<JsonNode?> ExportAsync(CrmDbContext db, Guid contactId, CancellationToken ct)
    {
        var leads = await db.Leads().IgnoreQueryFilters().AsNoTracking().Where(l => l.ContactId == contactId).OrderBy(l => l.CreatedAt)
            .Select(l => new
            {
                l.Id, l.Title, l.Description, l.Status, l.EstimatedValue, l.ExpectedCloseDate, l.TrackerId,
                Tracker = l.Tracker!.Name, l.AssignedToId, l.CreatedAt, l.UpdatedAt, l.DeletedAt,
                Fields = l.FieldValues.Select(v => new { v.FieldId, Field = v.Field!.Label, v.Value }).ToList(),
                Notes = db.Set<LeadNote>().Where(n => n.LeadId == l.Id).OrderBy(n => n.CreatedAt).Select(n => new { n.Id, n.Content, n.CreatedById, n.CreatedAt }).ToList(),
            })
            .ToListAsync(ct);
        return JsonSerializer.SerializeToNode(leads, PersonalDataScrubber.ExportJson);
    }

    public async Task<IReadOnlyList<string>> EraseAsync(CrmDbContext db, Guid contactId, CancellationToken ct)
    {
        var leads = db.Leads().IgnoreQueryFilters().Where(l => l.ContactId == contactId);
        var leadIds = await leads.Select(l => l.Id).ToListAsync(ct);
        if (leadIds.Count == 0)
        {
            return [];
        }
        const string title = "Lead of an erased contact";
        await leads.ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Title, title)
            .SetProperty(l => l.NormalizedTitle, title.ToLowerInvariant())
            .SetProperty(l => l.Description, (string?)null), ct);
        await db.Set<LeadFieldValue>().Where(v => leadIds.Contains(v.LeadId) && FreeText.Contains(v.Field!.Type))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, (string?)null), ct);
        var notes = db.Set<LeadNote>().Where(n => leadIds.Contains(n.LeadId));
        var noteIds = await notes.Select(n => n.Id).ToListAsync(ct);
        await notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Content, PersonalDataScrubber.Erased), ct);
        await PersonalDataScrubber.ScrubAuditAsync(db, nameof(Lead), leadIds, ct);
        await PersonalDataScrubber.ScrubAuditAsync(db, nameof(LeadNote), noteIds, ct);
        return [];
    }
}
