using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Workflows.Data;

internal enum WorkflowStatus
{
    Running,
    Waiting,
    Finished,
    Faulted,
    Cancelled,
}

/// <summary>
/// One run of a workflow type. <see cref="LockedUntil"/>/<see cref="LockedBy"/> are the <c>WorkQueue</c> lease: only
/// the node holding it runs the instance.
/// </summary>
internal sealed class WorkflowInstance : Entity
{
    public Guid WorkflowTypeId { get; set; }
    public WorkflowStatus Status { get; set; }
    public string? CorrelationId { get; set; }

    /// <summary>The instance variables, a JSON object.</summary>
    public string Variables { get; set; } = "{}";

    /// <summary>The name and payload (JSON) of the event that started or last resumed the instance.</summary>
    public string? EventName { get; set; }
    public string? EventPayload { get; set; }

    /// <summary>The outbox id of the last event that resumed the instance (a redelivery does not resume it twice).</summary>
    public Guid? LastEventId { get; set; }

    /// <summary>Activities ready to run, JSON array of ids (kept when faulted, so a retry starts there).</summary>
    public string Scheduled { get; set; } = "[]";

    /// <summary>Blocking activities, JSON: what each waits on (an event name, a due time or join arrivals).</summary>
    public string Blocking { get; set; } = "[]";

    /// <summary>The event names waited on, as <c>|Name|Other|</c>, so waiting instances can be found with one LIKE.</summary>
    public string? WaitingEvents { get; set; }

    /// <summary>The earliest timer among the blocking activities.</summary>
    public DateTime? TimerDueAt { get; set; }

    /// <summary>How many log entries the instance has; the next entry's sequence number (ids made in the same millisecond do not sort).</summary>
    public int LogCount { get; set; }

    public string? FaultMessage { get; set; }
    public string? FaultedActivityId { get; set; }
    public DateTime? FinishedAt { get; set; }

    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> builder)
    {
        builder.ToTable("workflow_instances");
        builder.HasOne<WorkflowType>().WithMany().HasForeignKey(i => i.WorkflowTypeId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.CorrelationId).HasMaxLength(200);
        builder.Property(i => i.EventName).HasMaxLength(200);
        builder.Property(i => i.WaitingEvents).HasMaxLength(2000);
        builder.Property(i => i.FaultMessage).HasMaxLength(4000);
        builder.Property(i => i.FaultedActivityId).HasMaxLength(100);
        builder.Property(i => i.LockedBy).HasMaxLength(200);
        builder.HasIndex(i => new { i.WorkflowTypeId, i.Status });
        builder.HasIndex(i => new { i.Status, i.CorrelationId });
        builder.HasIndex(i => new { i.Status, i.TimerDueAt });
    }
}
