using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Workflows;

namespace CrmPlatform.CrmTrackers.Workflows;

/// <summary>Moves a lead to a status, as a board move does (a <see cref="LeadStatusChanged"/> event and the audit entry of the status history).</summary>
internal sealed class SetLeadStatusTask : IWorkflowTask
{
    public const string Name = "SetLeadStatus";

    public ActivityDescriptor Descriptor { get; } = new(Name, "Set lead status", "CRM trackers", CrmTrackersModule.ModuleId, ActivityKind.Task)
    {
        Description = "Moves a lead to a status. Outcomes: Done, Unchanged (already there), NotFound (no such lead, or deleted).",
        Properties = [LeadTaskSupport.LeadIdProperty(), LeadTaskSupport.StatusProperty(required: true, null)],
        Outcomes = ["Done", "Unchanged", LeadTaskSupport.NotFound],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var lead = await LeadTaskSupport.FindLeadAsync(context, ct);
        if (lead is null)
        {
            return ActivityResult.Outcome(LeadTaskSupport.NotFound);
        }
        var raw = context.GetRaw("Status");
        if (!EnumNames.TryParse<LeadStatus>(raw, out var next))
        {
            throw new InvalidOperationException($"'{raw}' is not a lead status.");
        }
        if (lead.Status == next)
        {
            return ActivityResult.Outcome("Unchanged");
        }
        var old = lead.Status;
        lead.Status = next;
        context.Db.Raise(new LeadStatusChanged(lead.Id, lead.TrackerId, lead.ContactId, old, next, null, lead.Title, lead.AssignedToId));
        context.Log($"Lead '{lead.Title}' moved from {old.ToTitle()} to {next.ToTitle()}.");
        return ActivityResult.Done();
    }
}
