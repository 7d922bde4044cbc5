using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Contacts.Data;

/// <summary>
/// CONTACT_ACTIVITIES. <see cref="DueNotifiedAt"/> records that <c>ActivityDue</c> was raised, so the reminder worker raises
/// it once per scheduled time even with several nodes (cleared when the activity is rescheduled).
/// </summary>
public sealed class ContactActivity : Entity, IAuditable
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    public ActivityType Type { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public DateTime? ScheduledAt { get; set; }
    public bool IsCompleted { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }
    public Guid? CreatedById { get; set; }
    public User? CreatedBy { get; set; }
    [AuditIgnore] public DateTime? DueNotifiedAt { get; set; }
}

internal sealed class ContactActivityConfiguration : IEntityTypeConfiguration<ContactActivity>
{
    public void Configure(EntityTypeBuilder<ContactActivity> b)
    {
        b.ToTable("contact_activities");
        b.Property(a => a.Title).IsRequired().HasMaxLength(ContactActivity.TitleMaxLength);
        b.Property(a => a.Description).HasMaxLength(ContactActivity.DescriptionMaxLength);
        b.Property(a => a.IsCompleted).HasDefaultValue(false);
        b.HasOne(a => a.Contact).WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(a => a.CreatedBy).WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ContactId, a.ScheduledAt });
        b.HasIndex(a => new { a.CreatedById, a.IsCompleted, a.ScheduledAt });
        // The reminder worker's scan: open, scheduled, not yet announced.
        b.HasIndex(a => new { a.DueNotifiedAt, a.IsCompleted, a.ScheduledAt });
    }
}
