using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Workflows.Data;

/// <summary>A workflow definition: its graph (JSON) and, denormalised for the engine's lookups, its start event.</summary>
internal sealed class WorkflowType : Entity, IAuditable
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool Enabled { get; set; }

    /// <summary>The activity type of the graph's start event (a domain event name, <c>Timer</c> or <c>ManualTrigger</c>).</summary>
    public string StartEvent { get; set; } = "";

    /// <summary>The <see cref="Model.WorkflowGraph"/> as JSON.</summary>
    public string Graph { get; set; } = "{}";

    /// <summary>For a <c>Timer</c> start: when the schedule next starts an instance.</summary>
    public DateTime? NextRunAt { get; set; }
}

internal sealed class WorkflowTypeConfiguration : IEntityTypeConfiguration<WorkflowType>
{
    public void Configure(EntityTypeBuilder<WorkflowType> builder)
    {
        builder.ToTable("workflow_types");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.Property(t => t.StartEvent).HasMaxLength(200);
        builder.HasIndex(t => new { t.StartEvent, t.Enabled });
    }
}
