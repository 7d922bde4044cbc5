using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Workflows.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Workflows.Privacy;

/// <summary>
/// Workflow instances about a contact in data-subject requests: those correlated with the contact or started or
/// resumed by an event that names it. Export: each instance with its payload, variables and log. Erase: payloads,
/// variables and log messages are cleared (they copy the event's personal fields) and instances still running or
/// waiting are cancelled; the instances and log rows stay, so counts per workflow do not change.
/// </summary>
internal sealed class WorkflowDataParticipant : IContactDataParticipant
{
    public string Section => "workflows";

    private static IQueryable<WorkflowInstance> About(CrmDbContext db, Guid contactId)
    {
        var id = contactId.ToString();
        return db.Set<WorkflowInstance>().Where(i => i.CorrelationId == id || (i.EventPayload != null && i.EventPayload.Contains(id)));
    }

    public async Task<JsonNode?> ExportAsync(CrmDbContext db, Guid contactId, CancellationToken ct)
    {
        var instances = await About(db, contactId).AsNoTracking().OrderBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.WorkflowTypeId, Workflow = db.Set<WorkflowType>().Where(t => t.Id == i.WorkflowTypeId).Select(t => t.Name).FirstOrDefault(),
                i.Status, i.CorrelationId, i.EventName, i.EventPayload, i.Variables, i.FaultMessage, i.CreatedAt, i.FinishedAt,
                Log = db.Set<WorkflowExecutionLogEntry>().Where(l => l.InstanceId == i.Id).OrderBy(l => l.Sequence)
                    .Select(l => new { l.ActivityId, l.ActivityType, l.Outcome, l.StartedAt, l.Message, l.Error }).ToList(),
            })
            .ToListAsync(ct);
        return instances.Count == 0 ? null : JsonSerializer.SerializeToNode(instances, PersonalDataScrubber.ExportJson);
    }

    public async Task<IReadOnlyList<string>> EraseAsync(CrmDbContext db, Guid contactId, CancellationToken ct)
    {
        var ids = await About(db, contactId).Select(i => i.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return [];
        }
        var instances = db.Set<WorkflowInstance>().Where(i => ids.Contains(i.Id));
        await instances.Where(i => i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Waiting)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, WorkflowStatus.Cancelled).SetProperty(i => i.LockedBy, (string?)null).SetProperty(i => i.LockedUntil, (DateTime?)null), ct);
        await instances.ExecuteUpdateAsync(s => s
            .SetProperty(i => i.EventPayload, (string?)null)
            .SetProperty(i => i.Variables, "{}")
            .SetProperty(i => i.CorrelationId, (string?)null)
            .SetProperty(i => i.FaultMessage, i => i.FaultMessage == null ? null : PersonalDataScrubber.Erased), ct);
        await db.Set<WorkflowExecutionLogEntry>().Where(l => ids.Contains(l.InstanceId))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.Message, l => l.Message == null ? null : PersonalDataScrubber.Erased)
                .SetProperty(l => l.Error, l => l.Error == null ? null : PersonalDataScrubber.Erased), ct);
        return [];
    }
}
