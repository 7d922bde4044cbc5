using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.CrmTrackers.Data;

/// <summary>
/// LEADS. Audited, so every status or assignment change is in the audit log with who and when (the lead page's
/// status history reads it). <see cref="NormalizedTitle"/> is a lower-case copy for case-insensitive search and sort.
/// </summary>
public sealed class Lead : Entity, ISoftDelete, IAuditable
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;
    public const decimal MaxValue = 99_999_999.99m;

    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public LeadStatus Status { get; set; } = LeadStatus.New;
    public decimal? EstimatedValue { get; set; }
    public DateTime? ExpectedCloseDate { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }
    public Guid TrackerId { get; set; }
    public CrmTracker? Tracker { get; set; }
    public Guid? AssignedToId { get; set; }
    public User? AssignedTo { get; set; }
    public Guid? CreatedById { get; set; }
    public User? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }
    public List<LeadFieldValue> FieldValues { get; set; } = [];

    [AuditIgnore] public string NormalizedTitle { get; set; } = "";

    public void Normalize() => NormalizedTitle = Title.Trim().ToLowerInvariant();
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.ToTable("leads");
        b.Property(l => l.Title).IsRequired().HasMaxLength(Lead.TitleMaxLength);
        b.Property(l => l.NormalizedTitle).IsRequired().HasMaxLength(Lead.TitleMaxLength);
        b.Property(l => l.Description).HasMaxLength(Lead.DescriptionMaxLength);
        b.Property(l => l.Status).HasDefaultValue(LeadStatus.New).HasSentinel((LeadStatus)(-1));
        b.Property(l => l.EstimatedValue).HasPrecision(10, 2);
        b.HasOne(l => l.Contact).WithMany().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Tracker).WithMany().HasForeignKey(l => l.TrackerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.AssignedTo).WithMany().HasForeignKey(l => l.AssignedToId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.CreatedBy).WithMany().HasForeignKey(l => l.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(l => l.FieldValues).WithOne(v => v.Lead).HasForeignKey(v => v.LeadId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_leads_estimated_value", "estimated_value IS NULL OR (estimated_value >= -99999999.99 AND estimated_value <= 99999999.99)"));

        // Board, list and report read one tracker at a time, filtered by status and keyset-paged on a sort key + id.
        b.HasIndex(l => new { l.TrackerId, l.Status, l.UpdatedAt, l.Id });
        b.HasIndex(l => new { l.TrackerId, l.CreatedAt, l.Id });
        b.HasIndex(l => new { l.TrackerId, l.Status, l.CreatedAt, l.Id });
        b.HasIndex(l => new { l.TrackerId, l.NormalizedTitle, l.Id });
        b.HasIndex(l => new { l.TrackerId, l.EstimatedValue, l.Id });
        // Covers the report's and dashboard's GROUP BY status with SUM(estimated_value) without reading the rows.
        b.HasIndex(l => new { l.TrackerId, l.Status, l.EstimatedValue });
        b.HasIndex(l => new { l.TrackerId, l.ExpectedCloseDate, l.Id });
        b.HasIndex(l => new { l.AssignedToId, l.TrackerId, l.Status });
        b.HasIndex(l => new { l.ContactId, l.CreatedAt });
        b.HasIndex(l => l.CreatedById);
    }
}
