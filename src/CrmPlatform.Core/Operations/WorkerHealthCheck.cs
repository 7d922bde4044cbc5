using CrmPlatform.Core.Data;
using CrmPlatform.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CrmPlatform.Core.Operations;

/// <summary>
/// The background workers are alive: the outbox dispatcher's loop went round recently (unhealthy when it has stalled),
/// and no event has waited long for delivery (degraded: the workers run but fall behind, or a handler keeps failing).
/// </summary>
internal sealed class WorkerHealthCheck(OutboxDispatcher dispatcher, IDbContextFactory<CrmDbContext> contexts, TimeProvider clock) : IHealthCheck
{
    private static readonly TimeSpan Stalled = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Backlog = TimeSpan.FromMinutes(5);
    private readonly DateTimeOffset _started = clock.GetUtcNow();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var heartbeat = dispatcher.LastHeartbeat;
        if ((heartbeat ?? _started) < now - Stalled)
        {
            return HealthCheckResult.Unhealthy(heartbeat is null ? "The outbox dispatcher has not started." : $"The outbox dispatcher last ran at {heartbeat:O}.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var limit = (now - Backlog).UtcDateTime;
        var waiting = await db.Outbox.AsNoTracking().CountAsync(o => o.ProcessedAt == null && o.CreatedAt < limit && !o.Failed, cancellationToken);
        return waiting > 0
            ? HealthCheckResult.Degraded($"{waiting} event(s) have waited more than {Backlog.TotalMinutes:0} minutes for delivery.")
            : HealthCheckResult.Healthy("The outbox dispatcher is running and keeping up.");
    }
}
