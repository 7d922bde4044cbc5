using CrmPlatform.Core.Data;
using CrmPlatform.Core.Workflows;

namespace CrmPlatform.CrmTrackers.Workflows;

/// <summary>Assigns a lead to an active admin, staff or partner user (or unassigns it), as the assign action does.</summary>
internal sealed class AssignLeadTask : IWorkflowTask
{
    public const string Name = "AssignLead";

    public ActivityDescriptor Descriptor { get; } = new(Name, "Assign lead", "CRM trackers", CrmTrackersModule.ModuleId, ActivityKind.Task)
    {
        Description = "Assigns a lead to a user found by email or id; empty unassigns it. Outcomes: Done, Unchanged, NotFound (no such lead), UserNotFound.",
        Properties =
        [
            LeadTaskSupport.LeadIdProperty(),
            new("User", "User (email or id)", ActivityPropertyType.Liquid) { Description = "An active admin, staff or partner user; empty: unassign." },
        ],
        Outcomes = ["Done", "Unchanged", LeadTaskSupport.NotFound, LeadTaskSupport.UserNotFound],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var lead = await LeadTaskSupport.FindLeadAsync(context, ct);
        if (lead is null)
        {
            return ActivityResult.Outcome(LeadTaskSupport.NotFound);
        }
        var who = (await context.GetTextAsync("User", ct)).Trim();
        Guid? userId = null;
        if (who.Length > 0 && (userId = await WorkflowTaskValues.FindUserIdAsync(context.Db, who, assignableOnly: true, ct)) is null)
        {
            context.Log($"No active admin, staff or partner user '{who}'.");
            return ActivityResult.Outcome(LeadTaskSupport.UserNotFound);
        }
        if (lead.AssignedToId == userId)
        {
            return ActivityResult.Outcome("Unchanged");
        }
        var old = lead.AssignedToId;
        lead.AssignedToId = userId;
        context.Db.Raise(new LeadAssigned(lead.Id, lead.TrackerId, lead.ContactId, old, userId, null));
        context.Log(userId is null ? $"Lead '{lead.Title}' unassigned." : $"Lead '{lead.Title}' assigned to {who}.");
        return ActivityResult.Done();
    }

    public Task<IReadOnlyList<(string Property, string Message)>> ValidateAsync(IReadOnlyDictionary<string, string> properties, CrmDbContext db, CancellationToken ct) =>
        LeadTaskSupport.CheckUserAsync(properties, "User", db, ct);
}
