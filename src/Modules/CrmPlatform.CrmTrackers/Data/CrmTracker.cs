using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.CrmTrackers.Data;

/// <summary>CRM_TRACKERS: a pipeline with its own custom fields.</summary>
public sealed class CrmTracker : Entity, IAuditable
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;
    public Guid? CreatedById { get; set; }
    public User? CreatedBy { get; set; }
    public List<CrmField> Fields { get; set; } = [];
}

internal sealed class CrmTrackerConfiguration : IEntityTypeConfiguration<CrmTracker>
{
    public void Configure(EntityTypeBuilder<CrmTracker> b)
    {
        b.ToTable("crm_trackers");
        b.Property(t => t.Name).IsRequired().HasMaxLength(CrmTracker.NameMaxLength);
        b.Property(t => t.Description).HasMaxLength(CrmTracker.DescriptionMaxLength);
        b.Property(t => t.IsActive).HasDefaultValue(true).HasSentinel(true);
        b.HasOne(t => t.CreatedBy).WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Fields).WithOne(f => f.Tracker).HasForeignKey(f => f.TrackerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => t.Name);
        b.HasIndex(t => t.CreatedById);
    }
}
