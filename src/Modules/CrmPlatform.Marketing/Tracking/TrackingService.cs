using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Tracking;

/// <summary>
/// Opens, clicks, unsubscribes and delivery receipts. Each verifies its token (or signature) before touching anything, and
/// each counter moves only when the message's timestamp goes from NULL to a value in the same transaction, so repeated
/// opens and clicks, retried webhooks and concurrent requests never count twice.
/// </summary>
public sealed class TrackingService(CrmDbContext db, TrackingTokens tokens, MarketingSettingsProvider settings, TimeProvider clock)
{
    public async Task<bool> OpenAsync(string token, CancellationToken ct)
    {
        if (await tokens.VerifyAsync(token, TokenPurpose.Open, null, ct) is not { } id)
        {
            return false;
        }
        var message = await db.Set<MarketingMessage>().AsNoTracking().Where(m => m.Id == id).Select(m => new { m.CampaignId }).FirstOrDefaultAsync(ct);
        if (message is null)
        {
            return false;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await MarkOpenedAsync(id, message.CampaignId, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>The URL to redirect to, when the token was signed for this message and exactly this URL; else null.</summary>
    public async Task<string?> ClickAsync(string token, string? url, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 4000 || !Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            return null;
        }
        if (await tokens.VerifyAsync(token, TokenPurpose.Click, url, ct) is not { } id)
        {
            return null;
        }
        var message = await db.Set<MarketingMessage>().AsNoTracking().Where(m => m.Id == id).Select(m => new { m.CampaignId }).FirstOrDefaultAsync(ct);
        if (message is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // A click proves the message was opened even when images were blocked.
        await MarkOpenedAsync(id, message.CampaignId, ct);
        var clicked = await db.Set<MarketingMessage>().Where(m => m.Id == id && m.ClickedAt == null && m.SentAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClickedAt, now)
                .SetProperty(m => m.Status, m => m.Status == MessageStatus.Failed ? MessageStatus.Failed : MessageStatus.Clicked)
                .SetProperty(m => m.UpdatedAt, now), ct);
        if (clicked == 1)
        {
            await db.Set<MarketingCampaign>().IgnoreQueryFilters().Where(c => c.Id == message.CampaignId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClickedCount, c => c.ClickedCount + 1), ct);
        }
        await tx.CommitAsync(ct);
        return url;
    }

    private async Task MarkOpenedAsync(Guid id, Guid campaignId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var opened = await db.Set<MarketingMessage>().Where(m => m.Id == id && m.OpenedAt == null && m.SentAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.OpenedAt, now)
                .SetProperty(m => m.Status, m => m.Status == MessageStatus.Sent || m.Status == MessageStatus.Delivered ? MessageStatus.Opened : m.Status)
                .SetProperty(m => m.UpdatedAt, now), ct);
        if (opened == 1)
        {
            await db.Set<MarketingCampaign>().IgnoreQueryFilters().Where(c => c.Id == campaignId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.OpenedCount, c => c.OpenedCount + 1), ct);
        }
    }

    /// <summary>Whether the token is a genuine unsubscribe token (for the confirmation page).</summary>
    public async Task<bool> IsValidUnsubscribeAsync(string token, CancellationToken ct) =>
        await tokens.VerifyAsync(token, TokenPurpose.Unsubscribe, null, ct) is { } id && await db.Set<MarketingMessage>().AnyAsync(m => m.Id == id, ct);

    /// <summary>Opts the message's contact out of marketing (idempotent); false for a forged or unknown token.</summary>
    public async Task<bool> UnsubscribeAsync(string token, string source, CancellationToken ct)
    {
        if (await tokens.VerifyAsync(token, TokenPurpose.Unsubscribe, null, ct) is not { } id)
        {
            return false;
        }
        var message = await db.Set<MarketingMessage>().AsNoTracking().Where(m => m.Id == id).Select(m => new { m.ContactId, m.CampaignId }).FirstOrDefaultAsync(ct);
        if (message is null)
        {
            return false;
        }
        await UnsubscribeContactAsync(db, message.ContactId, message.CampaignId, id, source, ct);
        return true;
    }

    /// <summary>Adds the opt-out row and raises <see cref="ContactUnsubscribed"/>, unless the contact already opted out.</summary>
    public static async Task UnsubscribeContactAsync(CrmDbContext db, Guid contactId, Guid? campaignId, Guid? messageId, string source, CancellationToken ct)
    {
        if (await db.Set<MarketingUnsubscribe>().AnyAsync(u => u.ContactId == contactId, ct))
        {
            return;
        }
        db.Add(new MarketingUnsubscribe { ContactId = contactId, CampaignId = campaignId, MessageId = messageId, Source = source });
        db.Raise(new ContactUnsubscribed(contactId, campaignId, source));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request (the one-click POST and the link at once) may have recorded it first.
            if (!await StillUnsubscribedAsync(db, contactId))
            {
                throw;
            }
        }
    }

    private static async Task<bool> StillUnsubscribedAsync(CrmDbContext db, Guid contactId)
    {
        db.ChangeTracker.Clear();
        return await db.Set<MarketingUnsubscribe>().AnyAsync(u => u.ContactId == contactId);
    }

    /// <summary>
    /// A delivery receipt in Twilio's callback format (form fields <c>MessageSid</c>, <c>MessageStatus</c>, <c>ErrorCode</c>),
    /// signed with <c>X-Twilio-Signature</c>: base64(HMAC-SHA1(auth token, URL + each field name and value sorted by name)).
    /// </summary>
    public async Task<ReceiptResult> DeliveryReceiptAsync(string url, IReadOnlyDictionary<string, string> form, string? signature, CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        if (string.IsNullOrEmpty(current.TwilioAuthToken) || string.IsNullOrEmpty(signature) || !SignatureMatches(current.TwilioAuthToken, url, form, signature))
        {
            return ReceiptResult.BadSignature;
        }
        if (!form.TryGetValue("MessageSid", out var sid) || string.IsNullOrWhiteSpace(sid) || !form.TryGetValue("MessageStatus", out var status))
        {
            return ReceiptResult.Invalid;
        }
        var message = await db.Set<MarketingMessage>().AsNoTracking().Where(m => m.ProviderMessageId == sid).Select(m => new { m.Id, m.CampaignId, m.ContactId }).FirstOrDefaultAsync(ct);
        if (message is null)
        {
            return ReceiptResult.Unknown;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        switch (status.ToLowerInvariant())
        {
            case "delivered" or "read":
                var delivered = await db.Set<MarketingMessage>().Where(m => m.Id == message.Id && m.DeliveredAt == null && m.SentAt != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveredAt, now)
                        .SetProperty(m => m.Status, m => m.Status == MessageStatus.Sent ? MessageStatus.Delivered : m.Status)
                        .SetProperty(m => m.UpdatedAt, now), ct);
                if (delivered == 1)
                {
                    await db.Set<MarketingCampaign>().IgnoreQueryFilters().Where(c => c.Id == message.CampaignId)
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveredCount, c => c.DeliveredCount + 1), ct);
                }
                break;
            case "failed" or "undelivered":
                var error = $"The provider reported the message {status.ToLowerInvariant()}" + (form.TryGetValue("ErrorCode", out var code) && !string.IsNullOrEmpty(code) ? $" (error {code[..Math.Min(code.Length, 20)]})." : ".");
                var failed = await db.Set<MarketingMessage>().Where(m => m.Id == message.Id && m.Status != MessageStatus.Failed && m.DeliveredAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Failed).SetProperty(m => m.ErrorMessage, error).SetProperty(m => m.UpdatedAt, now), ct);
                if (failed == 1)
                {
                    db.Raise(new MessageFailed(message.Id, message.CampaignId, message.ContactId, error));
                    await db.SaveChangesAsync(ct);
                }
                break;
        }
        await tx.CommitAsync(ct);
        return ReceiptResult.Accepted;
    }

    public static string Sign(string authToken, string url, IReadOnlyDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(key).Append(value);
        }
#pragma warning disable CA5350 // HMAC-SHA1 is what the provider signs its callbacks with; it is not our choice
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    private static bool SignatureMatches(string authToken, string url, IReadOnlyDictionary<string, string> form, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(authToken, url, form)), Encoding.ASCII.GetBytes(signature));
}

public enum ReceiptResult
{
    Accepted,
    BadSignature,
    Invalid,
    Unknown,
}
