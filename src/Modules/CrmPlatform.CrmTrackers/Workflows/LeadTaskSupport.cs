using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Workflows;

/// <summary>What the lead tasks share: the lead property, finding the lead, trackers by name or id, and save-time checks.</summary>
internal static class LeadTaskSupport
{
    public const string LeadProperty = "LeadId";
    public const string NotFound = "NotFound";
    public const string UserNotFound = "UserNotFound";

    public static ActivityProperty LeadIdProperty() =>
        new(LeadProperty, "Lead id", ActivityPropertyType.Liquid, Required: true) { Default = "{{ Event.LeadId }}", Description = "The lead's id; by default the event's lead." };

    public static ActivityProperty StatusProperty(bool required, string? defaultValue) =>
        new("Status", "Status", ActivityPropertyType.Select, required) { Options = [.. LeadStatuses.All.Select(s => s.ToName())], Default = defaultValue };

    /// <summary>The tracked lead the property names (deleted leads are not found), or null after logging why.</summary>
    public static async Task<Lead?> FindLeadAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var raw = (await context.GetTextAsync(LeadProperty, ct)).Trim();
        // A lead created earlier in the same run is not saved yet: look among the tracked ones first.
        var lead = !Guid.TryParse(raw, out var id) ? null
            : context.Db.Leads().Local.FirstOrDefault(l => l.Id == id && l.DeletedAt == null) ?? await context.Db.Leads().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null)
        {
            context.Log($"No lead '{raw}'.");
        }
        return lead;
    }

    /// <summary>The tracker with this id, or named so (ignoring case), with its fields; null when there is none.</summary>
    public static async Task<CrmTracker?> FindTrackerAsync(CrmDbContext db, string nameOrId, CancellationToken ct)
    {
        var name = nameOrId.Trim();
        Guid? id = Guid.TryParse(name, out var parsed)
            ? parsed
            : (await db.Trackers().AsNoTracking().OrderBy(t => t.CreatedAt).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
                .FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))?.Id;
        return id is null ? null : await db.Trackers().AsNoTracking().Include(t => t.Fields).FirstOrDefaultAsync(t => t.Id == id, ct);
    }

    /// <summary>A user property whose literal value names no assignable user is an error at save time.</summary>
    public static async Task<IReadOnlyList<(string Property, string Message)>> CheckUserAsync(IReadOnlyDictionary<string, string> properties, string property, CrmDbContext db, CancellationToken ct)
    {
        var user = properties.GetValueOrDefault(property)?.Trim();
        if (string.IsNullOrEmpty(user) || WorkflowTaskValues.IsTemplate(user) || await WorkflowTaskValues.FindUserIdAsync(db, user, assignableOnly: true, ct) is not null)
        {
            return [];
        }
        return [(property, $"There is no active admin, staff or partner user '{user}'.")];
    }
}
