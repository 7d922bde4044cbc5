using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Marketing.Data;

/// <summary>
/// A contact who opted out of marketing. CONTACTS has no such column in the seed and Contacts must not know about
/// campaigns, so the flag lives in this marketing-owned table: one row per contact (all channels), with the campaign and
/// message the opt-out came from. Recipient selection excludes every contact that has a row here.
/// </summary>
public sealed class MarketingUnsubscribe : Entity, IAuditable
{
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }
    public Guid? CampaignId { get; set; }
    public Guid? MessageId { get; set; }
    /// <summary>How it happened: <c>link</c>, <c>one-click</c> (RFC 8058 POST), <c>reply</c> (SMS STOP) or <c>admin</c>.</summary>
    public string Source { get; set; } = "link";
}

internal sealed class MarketingUnsubscribeConfiguration : IEntityTypeConfiguration<MarketingUnsubscribe>
{
    public void Configure(EntityTypeBuilder<MarketingUnsubscribe> b)
    {
        b.ToTable("marketing_unsubscribes");
        b.Property(u => u.Source).IsRequired().HasMaxLength(20);
        b.HasIndex(u => u.ContactId).IsUnique();
        b.HasOne(u => u.Contact).WithMany().HasForeignKey(u => u.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MarketingCampaign>().WithMany().HasForeignKey(u => u.CampaignId).OnDelete(DeleteBehavior.SetNull);
    }
}
