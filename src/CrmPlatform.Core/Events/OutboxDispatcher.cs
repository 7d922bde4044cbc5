using System.Text.Json;
using CrmPlatform.Core.Background;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Core.Events;

/// <summary>
/// Delivers outbox rows to the in-process handlers and subscribers, after the change that raised them has
/// committed. Rows are claimed with a lease (safe with several nodes); a failing delivery is retried with
/// backoff and, after <see cref="MaxAttempts"/>, parked as failed with its error.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, DomainEventRegistry registry, Setup.SetupService setup, TimeProvider clock, IOptions<LeaseOptions> leases, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    public const int MaxAttempts = 10;
    private readonly SemaphoreSlim _signal = new(0);
    private long _heartbeatTicks;

    /// <summary>When the dispatch loop last went round (null before it started); read by the <c>workers</c> health check.</summary>
    public DateTimeOffset? LastHeartbeat => Interlocked.Read(ref _heartbeatTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        CrmDbContext.EventsWritten += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                Interlocked.Exchange(ref _heartbeatTicks, clock.GetUtcNow().UtcTicks);
                int delivered;
                try
                {
                    delivered = await DispatchBatchAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Outbox dispatch failed; retrying shortly.");
                    delivered = 0;
                }
                if (delivered == 0)
                {
                    await _signal.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            CrmDbContext.EventsWritten -= Wake;
        }
    }

    private void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    /// <summary>
    /// Delivers until nothing is ready, waiting for rows another worker has claimed (tests and commands use it to wait
    /// for side effects). Gives up after <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public async Task DrainAsync(TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var deadline = clock.GetUtcNow() + (timeout ?? TimeSpan.FromSeconds(30));
        while (clock.GetUtcNow() < deadline)
        {
            if (await DispatchBatchAsync(ct) > 0)
            {
                continue;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await db.Outbox.AnyAsync(m => m.ProcessedAt == null && !m.Failed && m.NextAttemptAt <= now, ct))
            {
                return;
            }
            await Task.Delay(25, ct);
        }
    }

    /// <summary>How many rows one dispatch claims; their deliveries are recorded with one save.</summary>
    public const int BatchSize = 100;

    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        // Before setup (or while the setup screen switches databases) there is no outbox to read.
        if (!await setup.IsSetUpAsync(ct))
        {
            return 0;
        }
        var ids = await WorkQueue.ClaimAsync(db, "outbox_messages", "processed_at IS NULL AND NOT failed AND next_attempt_at <= @now", "id", BatchSize, leases.Value.OutboxLease, clock.GetUtcNow().UtcDateTime, ct);
        if (ids.Count == 0)
        {
            return 0;
        }
        // One read and one write for the whole batch; each event is still delivered in a scope of its own, and a
        // crash before the write redelivers the batch (delivery is at least once, handlers are idempotent).
        var messages = await db.Outbox.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
        foreach (var message in messages.Where(m => m.ProcessedAt is null && m.LockedBy == WorkQueue.NodeId))
        {
            await DeliverAsync(message, ct);
        }
        // Written only for rows this node still holds: a node whose lease ran out mid-delivery must not mark done or
        // clear the lease of a row another node took over (handlers are idempotent, so it is delivered again there).
        // A take-over between this check and the save is harmless for the same reason: the other node's own write
        // is conditional on the row still being pending.
        var stillHeld = (await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id) && m.LockedBy == WorkQueue.NodeId && m.ProcessedAt == null)
            .Select(m => m.Id).ToListAsync(CancellationToken.None)).ToHashSet();
        foreach (var lost in messages.Where(m => !stillHeld.Contains(m.Id)))
        {
            if (db.Entry(lost).State == EntityState.Modified)
            {
                logger.LogWarning("The lease on event {EventType} {EventId} ran out during delivery and another node took it over.", lost.Type, lost.Id);
            }
            db.Entry(lost).State = EntityState.Detached;
        }
        await db.SaveChangesAsync(CancellationToken.None);
        return ids.Count;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (Type HandlerType, System.Reflection.MethodInfo Handle)> Handlers = new();

    /// <summary>The closed handler interface of an event type and its HandleAsync, resolved once per type.</summary>
    private static (Type HandlerType, System.Reflection.MethodInfo Handle) HandlerFor(Type eventType) =>
        Handlers.GetOrAdd(eventType, type =>
        {
            var handlerType = typeof(IDomainEventHandler<>).MakeGenericType(type);
            return (handlerType, handlerType.GetMethod(nameof(IDomainEventHandler<IDomainEvent>.HandleAsync))!);
        });

    private async Task DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        message.Attempts++;
        try
        {
            var descriptor = registry.Find(message.Type) ?? throw new InvalidOperationException($"No event type '{message.Type}' is registered.");
            var domainEvent = (IDomainEvent)(JsonSerializer.Deserialize(message.Payload, descriptor.Type, OutboxMessage.Json)
                ?? throw new InvalidOperationException("Empty event payload."));
            var context = new DomainEventContext(message.Id, message.Type, message.CreatedAt, message.Attempts);
            await using (var handlerScope = scopes.CreateAsyncScope())
            {
                var (handlerType, handle) = HandlerFor(descriptor.Type);
                foreach (var handler in handlerScope.ServiceProvider.GetServices(handlerType))
                {
                    await (Task)handle.Invoke(handler, [domainEvent, context, ct])!;
                }
                foreach (var subscriber in handlerScope.ServiceProvider.GetServices<IDomainEventSubscriber>())
                {
                    await subscriber.HandleAsync(domainEvent, context, ct);
                }
            }
            message.ProcessedAt = clock.GetUtcNow().UtcDateTime;
            message.Error = null;
            Operations.CrmTelemetry.EventsDelivered.Add(1, new KeyValuePair<string, object?>("event", message.Type));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var error = ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex;
            logger.LogWarning(error, "Delivering event {EventType} {EventId} failed (attempt {Attempt}).", message.Type, message.Id, message.Attempts);
            message.Error = error.Message.Length > 2000 ? error.Message[..2000] : error.Message;
            message.Failed = message.Attempts >= MaxAttempts;
            Operations.CrmTelemetry.EventsFailed.Add(1, new KeyValuePair<string, object?>("event", message.Type));
            message.NextAttemptAt = clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(Math.Min(3600, Math.Pow(2, message.Attempts)));
        }
        message.LockedUntil = null;
        message.LockedBy = null;
    }
}
