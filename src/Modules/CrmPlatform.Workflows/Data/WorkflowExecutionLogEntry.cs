using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Workflows.Data;

/// <summary>One executed activity of an instance: its outcome(s), timing and error.</summary>
internal sealed class WorkflowExecutionLogEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InstanceId { get; set; }
    public int Sequence { get; set; }
    public string ActivityId { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public string? Outcome { get; set; }
    public DateTime StartedAt { get; set; }
    public double DurationMs { get; set; }
    public string? Message { get; set; }
    public string? Error { get; set; }
}

internal sealed class WorkflowExecutionLogEntryConfiguration : IEntityTypeConfiguration<WorkflowExecutionLogEntry>
{
    public void Configure(EntityTypeBuilder<WorkflowExecutionLogEntry> builder)
    {
        builder.ToTable("workflow_execution_log");
        builder.HasOne<WorkflowInstance>().WithMany().HasForeignKey(e => e.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.ActivityId).HasMaxLength(100);
        builder.Property(e => e.ActivityType).HasMaxLength(200);
        builder.Property(e => e.Outcome).HasMaxLength(500);
        builder.Property(e => e.Message).HasMaxLength(4000);
        builder.Property(e => e.Error).HasMaxLength(4000);
        builder.HasIndex(e => new { e.InstanceId, e.Sequence });
    }
}

/// <summary>Records that an event started a workflow type; the unique key makes a redelivered event start nothing.</summary>
internal sealed class WorkflowEventStart
{
    public Guid EventId { get; set; }
    public Guid WorkflowTypeId { get; set; }
    public Guid InstanceId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class WorkflowEventStartConfiguration : IEntityTypeConfiguration<WorkflowEventStart>
{
    public void Configure(EntityTypeBuilder<WorkflowEventStart> builder)
    {
        builder.ToTable("workflow_event_starts");
        builder.HasKey(e => new { e.EventId, e.WorkflowTypeId });
        builder.HasOne<WorkflowType>().WithMany().HasForeignKey(e => e.WorkflowTypeId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>An in-app notification written by the <c>NotifyUser</c> task, shown in the admin under Workflows → Notifications.</summary>
internal sealed class WorkflowNotification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    public Guid? InstanceId { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class WorkflowNotificationConfiguration : IEntityTypeConfiguration<WorkflowNotification>
{
    public void Configure(EntityTypeBuilder<WorkflowNotification> builder)
    {
        builder.ToTable("workflow_notifications");
        builder.HasOne<CrmPlatform.Core.Users.User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(n => n.Title).HasMaxLength(500);
        builder.Property(n => n.Body).HasMaxLength(4000);
        builder.HasIndex(n => new { n.UserId, n.Id });
    }
}
