using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.CrmTrackers.Data;

/// <summary>LEAD_NOTES.</summary>
public sealed class LeadNote : Entity, IAuditable
{
    public const int ContentMaxLength = 10_000;

    public string Content { get; set; } = "";
    public Guid LeadId { get; set; }
    public Lead? Lead { get; set; }
    public Guid? CreatedById { get; set; }
    public User? CreatedBy { get; set; }
}

internal sealed class LeadNoteConfiguration : IEntityTypeConfiguration<LeadNote>
{
    public void Configure(EntityTypeBuilder<LeadNote> b)
    {
        b.ToTable("lead_notes");
        b.Property(n => n.Content).IsRequired().HasMaxLength(LeadNote.ContentMaxLength);
        b.HasOne(n => n.Lead).WithMany().HasForeignKey(n => n.LeadId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(n => n.CreatedBy).WithMany().HasForeignKey(n => n.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => new { n.LeadId, n.CreatedAt });
        b.HasIndex(n => n.CreatedById);
    }
}
