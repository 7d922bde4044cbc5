using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Background;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Sending;

/// <summary>A claimed message with what rendering needs.</summary>
public sealed record QueuedMessage(Guid Id, Guid CampaignId, Guid ContactId, string? Recipient, int Attempts, bool ContactGone, bool Unsubscribed, RecipientData? Data);

/// <summary>
/// The send queue over MARKETING_MESSAGES. A message is claimed (lease via <see cref="WorkQueue"/>) before it is sent; once
/// marked sent it never leaves that state through this class again, and every counter increment is guarded by the
/// NULL → value change of the message's timestamp, in the same transaction.
/// </summary>
public static class MessageQueue
{
    public static string ChannelList(bool email) => email ? "'email'" : "'sms', 'whatsapp'";

    public static Task<List<Guid>> ClaimAsync(CrmDbContext db, bool email, int batchSize, TimeSpan lease, DateTime now, CancellationToken ct) =>
        WorkQueue.ClaimAsync(db, "marketing_messages",
            $"status = 'pending' AND next_attempt_at <= @now AND campaign_id IN (SELECT id FROM marketing_campaigns WHERE status = 'running' AND paused_at IS NULL AND deleted_at IS NULL AND type IN ({ChannelList(email)}))",
            "next_attempt_at", batchSize, lease, now, ct);

    public static async Task<List<QueuedMessage>> LoadAsync(CrmDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await db.Set<MarketingMessage>().AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new
            {
                m.Id, m.CampaignId, m.ContactId, m.Recipient, m.Attempts,
                Contact = db.Set<Contact>().IgnoreQueryFilters().Where(c => c.Id == m.ContactId)
                    .Select(c => new { c.Name, c.EmailId, c.ContactNo, c.Location, c.Type, c.Company, c.Designation, c.Industry, c.Website, c.PersonalityType, Category = c.Category!.Name, c.DeletedAt })
                    .FirstOrDefault(),
                Unsubscribed = db.Set<MarketingUnsubscribe>().Any(u => u.ContactId == m.ContactId),
            })
            .ToListAsync(ct);
        return rows.Select(r => new QueuedMessage(r.Id, r.CampaignId, r.ContactId, r.Recipient, r.Attempts, r.Contact is null || r.Contact.DeletedAt != null, r.Unsubscribed,
                r.Contact is { } c
                    ? new RecipientData(r.ContactId, c.Name, c.EmailId, c.ContactNo, c.Location, EnumNames.ToSnake(c.Type.ToString()), c.Company, c.Designation, c.Industry, c.Website, c.PersonalityType, c.Category)
                    : null))
            .ToList();
    }

    /// <summary>Marks the message sent and counts it, unless it was already sent (then nothing changes).</summary>
    public static async Task<bool> MarkSentAsync(CrmDbContext db, Guid id, Guid campaignId, string? providerId, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Set<MarketingMessage>().Where(m => m.Id == id && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Sent)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.ErrorMessage, (string?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.ProviderMessageId, providerId)
                .SetProperty(m => m.LockedUntil, (DateTime?)null)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.UpdatedAt, now), ct);
        if (changed == 1)
        {
            await db.Set<MarketingCampaign>().IgnoreQueryFilters().Where(c => c.Id == campaignId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.SentCount, c => c.SentCount + 1), ct);
        }
        await tx.CommitAsync(ct);
        return changed == 1;
    }

    /// <summary>Undoes <see cref="MarkSentAsync"/> when the server refused the message after the commit (its reply to the data).</summary>
    public static async Task UnmarkSentAsync(CrmDbContext db, Guid id, Guid campaignId, DateTime now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Set<MarketingMessage>().Where(m => m.Id == id && m.Status == MessageStatus.Sent && m.SentAt != null && m.OpenedAt == null && m.DeliveredAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Pending)
                .SetProperty(m => m.SentAt, (DateTime?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1)
                // Pending again but still ours: no other loop may claim it before the failure is recorded.
                .SetProperty(m => m.LockedUntil, now.AddMinutes(1))
                .SetProperty(m => m.LockedBy, WorkQueue.NodeId)
                .SetProperty(m => m.UpdatedAt, now), ct);
        if (changed == 1)
        {
            await db.Set<MarketingCampaign>().IgnoreQueryFilters().Where(c => c.Id == campaignId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.SentCount, c => c.SentCount - 1), ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Records a failed attempt (only if nobody recorded another attempt of the message meanwhile): a transient one goes back to the queue after a backoff (attempt n waits base·2^(n-1), at
    /// most an hour) until <paramref name="maxAttempts"/>; a permanent one, or the last attempt, fails the message and raises
    /// <see cref="MessageFailed"/>.
    /// </summary>
    public static async Task MarkFailedAsync(CrmDbContext db, QueuedMessage message, string error, bool transient, int maxAttempts, TimeSpan retryBase, DateTime now, CancellationToken ct)
    {
        error = error.Length > MarketingMessage.ErrorMaxLength ? error[..MarketingMessage.ErrorMaxLength] : error;
        var attempts = message.Attempts + 1;
        if (transient && attempts < maxAttempts)
        {
            var wait = TimeSpan.FromSeconds(Math.Min(3600, retryBase.TotalSeconds * Math.Pow(2, attempts - 1)));
            await db.Set<MarketingMessage>().Where(m => m.Id == message.Id && m.SentAt == null && m.Status == MessageStatus.Pending && m.Attempts == message.Attempts)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.ErrorMessage, error)
                    .SetProperty(m => m.NextAttemptAt, now + wait)
                    .SetProperty(m => m.LockedUntil, (DateTime?)null)
                    .SetProperty(m => m.LockedBy, (string?)null)
                    .SetProperty(m => m.UpdatedAt, now), ct);
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Set<MarketingMessage>().Where(m => m.Id == message.Id && m.SentAt == null && m.Status == MessageStatus.Pending && m.Attempts == message.Attempts)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Failed)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.ErrorMessage, error)
                .SetProperty(m => m.LockedUntil, (DateTime?)null)
                .SetProperty(m => m.LockedBy, (string?)null)
                .SetProperty(m => m.UpdatedAt, now), ct);
        if (changed == 1)
        {
            db.Raise(new MessageFailed(message.Id, message.CampaignId, message.ContactId, error));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Gives claimed messages back (campaign paused or cancelled meanwhile, or the loop is stopping).</summary>
    public static Task ReleaseAsync(CrmDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? Task.CompletedTask : db.Set<MarketingMessage>().Where(m => ids.Contains(m.Id) && m.Status == MessageStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTime?)null).SetProperty(m => m.LockedBy, (string?)null), ct);
}
