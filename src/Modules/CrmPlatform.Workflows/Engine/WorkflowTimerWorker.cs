using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Core.Background;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Setup;
using CrmPlatform.Workflows.Activities;
using CrmPlatform.Workflows.Data;
using CrmPlatform.Workflows.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Workflows.Engine;

/// <summary>
/// Every second: claims (with the <c>WorkQueue</c> lease) instances whose timer is due, and running instances whose
/// node died (their lease ran out), and runs them; starts workflows with a due <c>Timer</c> start event, once per
/// occurrence across all nodes (the occurrence is the de-duplication key).
/// </summary>
internal sealed class WorkflowTimerWorker(IServiceScopeFactory scopes, WorkflowRunner runner, SetupService setup, Core.Features.IFeatureManager features, TimeProvider clock, Microsoft.Extensions.Options.IOptions<LeaseOptions> leases, ILogger<WorkflowTimerWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Workflow timers failed; retrying shortly.");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One pass: due instances and due timer starts. Returns how many instances ran.</summary>
    public async Task<int> TickAsync(CancellationToken ct)
    {
        if (!await setup.IsSetUpAsync(ct) || !await features.IsEnabledAsync(WorkflowsModule.ModuleId, ct))
        {
            return 0;
        }
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            due = await WorkQueue.ClaimAsync(db, "workflow_instances", "status = 'running' OR (status = 'waiting' AND timer_due_at <= @now)", "id", 20, leases.Value.WorkflowLease, now, ct);
            await StartScheduledAsync(scope.ServiceProvider, db, now, ct);
        }
        foreach (var id in due)
        {
            await runner.RunAsync(id, new Resume(null, null, null, [], Timers: true), ct);
        }
        return due.Count;
    }

    private async Task StartScheduledAsync(IServiceProvider services, CrmDbContext db, DateTime now, CancellationToken ct)
    {
        var types = await db.Set<WorkflowType>().AsNoTracking().Where(t => t.Enabled && t.StartEvent == ActivityLibrary.TimerEvent && t.NextRunAt != null && t.NextRunAt <= now).ToListAsync(ct);
        var starter = services.GetRequiredService<WorkflowStarter>();
        foreach (var type in types)
        {
            var occurrence = type.NextRunAt!.Value;
            // Started first (the occurrence key makes a second start on any node a no-op), then the schedule moves on
            // only from the occurrence this node read: a node that crashes in between leaves the occurrence to be
            // tried again, and one that read a stale schedule does not move it back.
            var id = await starter.TryStartAsync(type, null, OccurrenceId(type.Id, occurrence), [], ct);
            var next = NextRun(type, now);
            await db.Set<WorkflowType>().Where(t => t.Id == type.Id && t.NextRunAt == occurrence)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.NextRunAt, next), ct);
            if (id is not null)
            {
                await runner.RunAsync(id.Value, null, ct);
            }
        }
    }

    /// <summary>The next occurrence of a <c>Timer</c> start's cron schedule, or null for other start events.</summary>
    public static DateTime? NextRun(WorkflowType type, DateTime now)
    {
        if (type.StartEvent != ActivityLibrary.TimerEvent)
        {
            return null;
        }
        var cron = WorkflowGraph.Parse(type.Graph).Activities.FirstOrDefault(a => a.Type == ActivityLibrary.TimerEvent)?.Properties.GetValueOrDefault("Cron");
        return string.IsNullOrWhiteSpace(cron) || CronSchedule.Check(cron) is not null ? null : CronSchedule.Next(cron, now);
    }

    private static Guid OccurrenceId(Guid typeId, DateTime occurrence) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{typeId}:{occurrence:O}")).AsSpan(0, 16));
}
