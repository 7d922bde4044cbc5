using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Marketing.Data;

/// <summary>
/// MARKETING_MESSAGES: one row per (campaign, recipient), created when the campaign starts. Besides the seed columns it is
/// the send queue: <see cref="Recipient"/> (the address it goes to, captured at creation), <see cref="Attempts"/> and
/// <see cref="NextAttemptAt"/> (retry with backoff), <see cref="LockedUntil"/>/<see cref="LockedBy"/> (the lease of the node
/// sending it, see <c>WorkQueue</c>) and <see cref="ProviderMessageId"/> (the SMS/WhatsApp provider's id, which delivery
/// receipts refer to). Not audited: a campaign writes hundreds of thousands of them.
/// </summary>
public sealed class MarketingMessage : Entity
{
    public const int ErrorMaxLength = 2000;
    public const int RecipientMaxLength = 254;

    public MessageStatus Status { get; set; } = MessageStatus.Pending;
    public DateTime? SentAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public DateTime? OpenedAt { get; set; }
    public DateTime? ClickedAt { get; set; }
    public string? ErrorMessage { get; set; }
    public Guid CampaignId { get; set; }
    public MarketingCampaign? Campaign { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }

    public string? Recipient { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
    public string? ProviderMessageId { get; set; }
}

internal sealed class MarketingMessageConfiguration : IEntityTypeConfiguration<MarketingMessage>
{
    public void Configure(EntityTypeBuilder<MarketingMessage> b)
    {
        b.ToTable("marketing_messages");
        b.Property(m => m.Status).HasDefaultValue(MessageStatus.Pending).HasSentinel(MessageStatus.Pending);
        b.Property(m => m.ErrorMessage).HasMaxLength(MarketingMessage.ErrorMaxLength);
        b.Property(m => m.Recipient).HasMaxLength(MarketingMessage.RecipientMaxLength);
        b.Property(m => m.LockedBy).HasMaxLength(100);
        b.Property(m => m.ProviderMessageId).HasMaxLength(100);
        b.Property(m => m.Attempts).HasDefaultValue(0);
        b.HasOne(m => m.Campaign).WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Contact).WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.Restrict);
        // Not unique: after a contact merge the survivor may hold two messages of one campaign. "Each contact once" is
        // enforced where rows are created (one INSERT … SELECT … WHERE NOT EXISTS, run only by the transition to running).
        b.HasIndex(m => new { m.CampaignId, m.ContactId });
        b.HasIndex(m => new { m.CampaignId, m.Status, m.Id });
        b.HasIndex(m => new { m.ContactId, m.CreatedAt });
        b.HasIndex(m => m.ProviderMessageId);
        // The sender's queue: only pending rows are in it, so it stays small however many messages were sent.
        b.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'pending'").HasDatabaseName("ix_marketing_messages_queue");
    }
}
