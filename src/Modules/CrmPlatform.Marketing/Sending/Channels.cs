using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;

namespace CrmPlatform.Marketing.Sending;

/// <summary>
/// One message ready to go: the address, the rendered content and the unsubscribe URLs for the headers.
/// <see cref="Commit"/>, when set, records the message as sent; a channel that can tell the last moment before the
/// receiving server takes the message (SMTP: before the end-of-data dot) calls it there, and aborts the transfer when it
/// answers false (another node already sent the message). See docs/decisions/0016-marketing-send-queue.md.
/// </summary>
public sealed record OutgoingMessage(Guid MessageId, CampaignType Channel, string To, RenderedMessage Content, string? UnsubscribeUrl, string? StatusCallbackUrl)
{
    public Func<CancellationToken, Task<bool>>? Commit { get; init; }
}

/// <summary>
/// The result of one send. <see cref="Transient"/> failures (timeouts, 4xx SMTP replies, provider 5xx/429) are retried with
/// backoff; the others fail the message at once.
/// </summary>
public sealed record SendOutcome(bool Success, bool Transient, string? Error, string? ProviderMessageId)
{
    /// <summary>True when the channel called <see cref="OutgoingMessage.Commit"/> (the message is already recorded as sent).</summary>
    public bool Committed { get; init; }

    /// <summary>The commit was refused: the message had been sent already, and this transfer was aborted.</summary>
    public bool AlreadySent { get; init; }

    public static SendOutcome Ok(string? providerId = null) => new(true, false, null, providerId);

    public static SendOutcome Retry(string error) => new(false, true, error, null);

    public static SendOutcome Fail(string error) => new(false, false, error, null);
}

/// <summary>
/// A connection to a channel, reused for many messages by one sender loop (one SMTP connection per loop, one HTTP client
/// per provider). Not thread-safe: each loop opens its own.
/// </summary>
public interface IChannelSession : IAsyncDisposable
{
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct);
}

/// <summary>Opens sessions for the channels it handles, with the current settings.</summary>
public interface IChannelProvider
{
    bool Handles(CampaignType channel, MarketingSettings settings);

    IChannelSession Open(CampaignType channel, MarketingSettings settings);
}

/// <summary>Picks the provider for a channel (the first registered one that handles it).</summary>
public sealed class ChannelRouter(IEnumerable<IChannelProvider> providers)
{
    public IChannelSession Open(CampaignType channel, MarketingSettings settings) =>
        (providers.FirstOrDefault(p => p.Handles(channel, settings)) ?? throw new InvalidOperationException($"No provider sends {channel} messages."))
        .Open(channel, settings);
}
