using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;

namespace CrmPlatform.Marketing.Sending;

/// <summary>One message ready to go: the address, the rendered content and the unsubscribe URLs for the headers.</summary>
public sealed record OutgoingMessage(Guid MessageId, CampaignType Channel, string To, RenderedMessage Content, string? UnsubscribeUrl, string? StatusCallbackUrl);

/// <summary>
/// The result of one send. <see cref="Transient"/> failures (timeouts, 4xx SMTP replies, provider 5xx/429) are retried with
/// backoff; the others fail the message at once.
/// </summary>
public sealed record SendOutcome(bool Success, bool Transient, string? Error, string? ProviderMessageId)
{
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
