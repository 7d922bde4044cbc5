using System.Diagnostics;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Setup;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using CrmPlatform.Marketing.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Marketing.Sending;

/// <summary>Wakes the sender loops when a campaign starts or resumes, instead of waiting for the next poll.</summary>
public sealed class SenderSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake()
    {
        if (_signal.CurrentCount < 64)
        {
            _signal.Release(8);
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

/// <summary>Spaces sends of one channel group out to a rate (messages per second) shared by the loops of this node.</summary>
public sealed class RateGate
{
    private readonly Lock _lock = new();
    private long _nextTicks;

    public TimeSpan Reserve(int perSecond)
    {
        var interval = Stopwatch.Frequency / Math.Max(1, perSecond);
        lock (_lock)
        {
            var now = Stopwatch.GetTimestamp();
            // At most a second of unused budget is carried over, so an idle channel does not burst without limit.
            var slot = Math.Max(_nextTicks, now - Stopwatch.Frequency);
            _nextTicks = slot + interval;
            return slot > now ? TimeSpan.FromSeconds((double)(slot - now) / Stopwatch.Frequency) : TimeSpan.Zero;
        }
    }
}

/// <summary>
/// The background sender. A supervisor starts due scheduled campaigns, completes finished ones and keeps as many sender
/// loops per channel group (email; SMS and WhatsApp) as the settings' concurrency says. Each loop claims a batch of
/// pending messages with a lease, renders and sends them over one reused channel session, and records each outcome at
/// once (docs/decisions/0016-marketing-send-queue.md explains the crash-safety guarantees).
/// </summary>
public sealed partial class CampaignSender(
    IServiceScopeFactory scopes,
    SetupService setup,
    IFeatureManager features,
    MarketingSettingsProvider settingsProvider,
    ChannelRouter channels,
    CampaignTemplates templates,
    TrackingLinks links,
    SenderSignal signal,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<CampaignSender> logger) : BackgroundService
{
    private readonly Dictionary<(bool Email, int Index), Task> _loops = [];
    private readonly RateGate _emailGate = new();
    private readonly RateGate _textGate = new();
    private volatile bool _active;

    private TimeSpan Lease => TimeSpan.FromSeconds(configuration.GetValue("Marketing:LeaseSeconds", 60));
    private TimeSpan Poll => TimeSpan.FromMilliseconds(configuration.GetValue("Marketing:PollMilliseconds", 500));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SuperviseAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The campaign supervisor failed; retrying shortly.");
                }
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(_loops.Values);
    }

    private async Task SuperviseAsync(CancellationToken ct)
    {
        _active = await setup.IsSetUpAsync(ct) && (await features.EnabledAsync(ct)).Contains(MarketingModule.ModuleId);
        if (!_active)
        {
            return;
        }
        var settings = await settingsProvider.GetAsync(ct);
        Ensure(true, settings.EmailConcurrency, ct);
        Ensure(false, settings.TextConcurrency, ct);
        await using var scope = scopes.CreateAsyncScope();
        var launcher = scope.ServiceProvider.GetRequiredService<CampaignLauncher>();
        await launcher.StartDueAsync(ct);
        await launcher.CompleteFinishedAsync(ct);
    }

    private void Ensure(bool email, int concurrency, CancellationToken ct)
    {
        foreach (var key in _loops.Where(l => l.Value.IsCompleted).Select(l => l.Key).ToList())
        {
            _loops.Remove(key);
        }
        for (var i = 0; i < concurrency; i++)
        {
            if (!_loops.ContainsKey((email, i)))
            {
                var index = i;
                _loops[(email, i)] = Task.Run(() => LoopAsync(email, index, ct), ct);
            }
        }
    }

    private async Task LoopAsync(bool email, int index, CancellationToken ct)
    {
        var sessions = new Dictionary<CampaignType, IChannelSession>();
        var idleSince = Stopwatch.StartNew();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var settings = await settingsProvider.GetAsync(ct);
                if (!_active || index >= (email ? settings.EmailConcurrency : settings.TextConcurrency))
                {
                    return;
                }
                int processed;
                try
                {
                    processed = await RunBatchAsync(email, settings, sessions, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    logger.LogError(ex, "A campaign sender loop failed; retrying shortly.");
                    await CloseAsync(sessions);
                    processed = 0;
                    await Task.Delay(TimeSpan.FromSeconds(2), clock, ct);
                }
                if (processed > 0)
                {
                    idleSince.Restart();
                    continue;
                }
                if (idleSince.Elapsed > TimeSpan.FromSeconds(10))
                {
                    // An idle loop does not hold an SMTP connection open.
                    await CloseAsync(sessions);
                }
                await signal.WaitAsync(Poll, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await CloseAsync(sessions);
        }
    }

    private static async Task CloseAsync(Dictionary<CampaignType, IChannelSession> sessions)
    {
        foreach (var session in sessions.Values)
        {
            await session.DisposeAsync();
        }
        sessions.Clear();
    }

    private async Task<int> RunBatchAsync(bool email, MarketingSettings settings, Dictionary<CampaignType, IChannelSession> sessions, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var rate = email ? settings.EmailRatePerSecond : settings.TextRatePerSecond;
        var batchSize = Math.Clamp(rate / 4, 1, 50);
        var ids = await MessageQueue.ClaimAsync(db, email, batchSize, Lease, clock.GetUtcNow().UtcDateTime, ct);
        if (ids.Count == 0)
        {
            return 0;
        }
        var messages = await MessageQueue.LoadAsync(db, ids, ct);
        var campaignIds = messages.Select(m => m.CampaignId).Distinct().ToList();
        var campaigns = await db.Set<MarketingCampaign>().AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var factory = await links.FactoryAsync(ct);
        var gate = email ? _emailGate : _textGate;
        var released = new List<Guid>();
        foreach (var message in messages)
        {
            if (ct.IsCancellationRequested)
            {
                released.Add(message.Id);
                continue;
            }
            if (!campaigns.TryGetValue(message.CampaignId, out var campaign) || campaign.Status != CampaignStatus.Running || campaign.PausedAt is not null)
            {
                released.Add(message.Id);
                continue;
            }
            await SendOneAsync(db, campaign, message, settings, sessions, factory, gate, rate, ct);
        }
        await MessageQueue.ReleaseAsync(db, released, CancellationToken.None);
        return messages.Count;
    }

    private async Task SendOneAsync(CrmDbContext db, MarketingCampaign campaign, QueuedMessage message, MarketingSettings settings,
        Dictionary<CampaignType, IChannelSession> sessions, LinkFactory factory, RateGate gate, int rate, CancellationToken ct)
    {
        var retryBase = TimeSpan.FromSeconds(configuration.GetValue("Marketing:RetryBaseSeconds", 30));
        var now = clock.GetUtcNow().UtcDateTime;
        if (message.ContactGone || message.Unsubscribed || message.Data is null || string.IsNullOrWhiteSpace(message.Recipient))
        {
            var reason = message.Unsubscribed ? "The contact unsubscribed before the message was sent." : message.ContactGone ? "The contact was deleted before the message was sent." : "The message has no recipient address.";
            await MessageQueue.MarkFailedAsync(db, message, reason, transient: false, settings.MaxAttempts, retryBase, now, CancellationToken.None);
            return;
        }
        OutgoingMessage outgoing;
        try
        {
            var messageLinks = factory.For(message.Id, campaign.Type == CampaignType.Email);
            var content = await CampaignTemplates.RenderAsync(templates.For(campaign), campaign.Name, message.Data, messageLinks);
            outgoing = new OutgoingMessage(message.Id, campaign.Type, message.Recipient, content, messageLinks.UnsubscribeUrl, factory.DeliveryReceiptUrl)
            {
                // Recorded as sent at the last moment before the server can take the message (a CAS on sent_at IS NULL).
                Commit = _ => MessageQueue.MarkSentAsync(db, message.Id, message.CampaignId, null, clock.GetUtcNow().UtcDateTime, CancellationToken.None),
            };
        }
        catch (TemplateException ex)
        {
            await MessageQueue.MarkFailedAsync(db, message, ex.Message, transient: false, settings.MaxAttempts, retryBase, now, CancellationToken.None);
            return;
        }
        var wait = gate.Reserve(rate);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, ct);
        }
        if (!sessions.TryGetValue(campaign.Type, out var session))
        {
            sessions[campaign.Type] = session = channels.Open(campaign.Type, settings);
        }
        // From here on the message may reach the recipient: the outcome is recorded whatever happens to the request.
        var outcome = await session.SendAsync(outgoing, CancellationToken.None);
        now = clock.GetUtcNow().UtcDateTime;
        if (outcome.AlreadySent)
        {
            return;
        }
        if (outcome.Success)
        {
            if (!outcome.Committed)
            {
                await MessageQueue.MarkSentAsync(db, message.Id, message.CampaignId, outcome.ProviderMessageId, now, CancellationToken.None);
            }
            MarketingTelemetry.Sent.Add(1);
            return;
        }
        if (outcome.Committed)
        {
            // The server refused the message after it had been recorded as sent: take the record back first.
            await MessageQueue.UnmarkSentAsync(db, message.Id, message.CampaignId, now, CancellationToken.None);
        }
        LogSendFailed(logger, message.Id, outcome.Error);
        MarketingTelemetry.Failed.Add(1);
        await MessageQueue.MarkFailedAsync(db, message, outcome.Error ?? "Unknown error.", outcome.Transient, settings.MaxAttempts, retryBase, now, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending marketing message {MessageId} failed: {Error}")]
    private static partial void LogSendFailed(ILogger logger, Guid messageId, string? error);
}

internal static class MarketingTelemetry
{
    private static readonly System.Diagnostics.Metrics.Meter Meter = new("CrmPlatform.Marketing");
    public static readonly System.Diagnostics.Metrics.Counter<long> Sent = Meter.CreateCounter<long>("crm.marketing.messages_sent");
    public static readonly System.Diagnostics.Metrics.Counter<long> Failed = Meter.CreateCounter<long>("crm.marketing.messages_failed");
}
