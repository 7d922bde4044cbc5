using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Marketing.Data;

/// <summary>
/// MARKETING_CAMPAIGNS. Besides the seed columns: <see cref="PausedAt"/> (a running campaign that the sender skips until
/// resumed) and the soft-delete column. The counters are only ever changed by conditional SQL increments that fire when a
/// message's timestamp goes from NULL to a value, so each equals the number of message rows with that timestamp.
/// </summary>
public sealed class MarketingCampaign : Entity, ISoftDelete, IAuditable
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int SubjectMaxLength = 300;
    public const int ContentMaxLength = 200_000;

    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public CampaignType Type { get; set; }
    public CampaignStatus Status { get; set; } = CampaignStatus.Draft;
    public string Subject { get; set; } = "";
    public string Content { get; set; } = "";
    public DateTime? ScheduledAt { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime? PausedAt { get; set; }
    public int TotalRecipients { get; set; }
    public int SentCount { get; set; }
    public int DeliveredCount { get; set; }
    public int OpenedCount { get; set; }
    public int ClickedCount { get; set; }
    public Guid? CreatedById { get; set; }
    public User? CreatedBy { get; set; }
    public Guid? CategoryId { get; set; }
    public ContactCategory? Category { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>Draft and scheduled campaigns can be edited; once messages exist the content is what was sent.</summary>
    public bool IsEditable => Status is CampaignStatus.Draft or CampaignStatus.Scheduled;
}

internal sealed class MarketingCampaignConfiguration : IEntityTypeConfiguration<MarketingCampaign>
{
    public void Configure(EntityTypeBuilder<MarketingCampaign> b)
    {
        b.ToTable("marketing_campaigns", t => t.HasCheckConstraint("ck_marketing_campaigns_counters",
            "total_recipients >= 0 AND sent_count >= 0 AND delivered_count >= 0 AND opened_count >= 0 AND clicked_count >= 0"));
        b.Property(c => c.Name).IsRequired().HasMaxLength(MarketingCampaign.NameMaxLength);
        b.Property(c => c.Description).HasMaxLength(MarketingCampaign.DescriptionMaxLength);
        b.Property(c => c.Subject).IsRequired().HasMaxLength(MarketingCampaign.SubjectMaxLength);
        b.Property(c => c.Content).IsRequired().HasMaxLength(MarketingCampaign.ContentMaxLength);
        b.Property(c => c.Status).HasDefaultValue(CampaignStatus.Draft).HasSentinel(CampaignStatus.Draft);
        b.Property(c => c.TotalRecipients).HasDefaultValue(0);
        b.Property(c => c.SentCount).HasDefaultValue(0);
        b.Property(c => c.DeliveredCount).HasDefaultValue(0);
        b.Property(c => c.OpenedCount).HasDefaultValue(0);
        b.Property(c => c.ClickedCount).HasDefaultValue(0);
        b.HasOne(c => c.CreatedBy).WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(c => c.Category).WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.Status, c.ScheduledAt });
        b.HasIndex(c => new { c.CreatedAt, c.Id });
        b.HasIndex(c => new { c.Name, c.Id });
    }
}
