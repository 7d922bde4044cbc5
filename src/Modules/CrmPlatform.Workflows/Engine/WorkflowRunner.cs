using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text.Json.Nodes;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Activities;
using CrmPlatform.Workflows.Data;
using CrmPlatform.Workflows.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Workflows.Engine;

/// <summary>
/// Runs one instance whose lease this node holds, in a scope of its own, until it finishes, waits or faults. A run is
/// one unit of work: the tasks' changes, the log and the instance's new state commit together at the end; a fault
/// discards them all and leaves the instance as it was when the run began (a retry runs from there). Exceptions
/// never escape: one bad instance cannot stop the others.
/// </summary>
internal sealed class WorkflowRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WorkflowRunner> logger)
{
    /// <summary>The most activities one run executes; a loop without a wait faults the instance instead of spinning.</summary>
    public const int StepLimit = 500;

    public async Task RunAsync(Guid instanceId, Resume? resume, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RunInScopeAsync(scope.ServiceProvider, instanceId, resume, ct);
        }
        catch (LeaseLostException ex)
        {
            logger.LogWarning("{Message}", ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Workflow instance {InstanceId} could not be run; its lease will expire and it will be picked up again.", instanceId);
        }
    }

    /// <summary>
    /// Runs an instance the caller's scope has just added (not saved) with its event key: everything commits in the
    /// run's one save. If that save hits the event key, another delivery started the type first and this run is
    /// dropped; if a task fails, the instance is saved faulted in its initial state (a retry runs it from the start).
    /// </summary>
    public async Task RunNewAsync(IServiceProvider services, WorkflowInstance instance, WorkflowType type, Guid? eventId, CancellationToken ct)
    {
        var fresh = new FreshStart(Snapshot(instance), eventId);
        var db = services.GetRequiredService<CrmDbContext>();
        try
        {
            await RunInScopeAsync(services, instance.Id, null, ct, instance, type, fresh);
        }
        catch (DbUpdateException ex)
        {
            db.DiscardChanges();
            if (eventId is { } id && await db.Set<WorkflowEventStart>().AnyAsync(s => s.EventId == id && s.WorkflowTypeId == type.Id, ct))
            {
                return;
            }
            // Not a duplicate: what a task wrote broke a database rule. Keep the instance, faulted with the reason.
            var faulted = Restore(db, fresh);
            await FaultAsync(db, faulted, EngineJson.Scheduled(faulted), [], EngineJson.Object(faulted.Variables), "?", $"Saving the run failed: {ex.InnerException?.Message ?? ex.Message}", ct);
        }
        // Anything else (the database unreachable…) fails the delivery: nothing was saved, and the outbox delivers
        // the event again later.
    }

    /// <summary>The state of a new instance before its first run, and the event that started it.</summary>
    private sealed record FreshStart(WorkflowInstance Initial, Guid? EventId);

    private static WorkflowInstance Snapshot(WorkflowInstance i) => new()
    {
        Id = i.Id,
        WorkflowTypeId = i.WorkflowTypeId,
        Status = i.Status,
        CorrelationId = i.CorrelationId,
        Variables = i.Variables,
        EventName = i.EventName,
        EventPayload = i.EventPayload,
        LastEventId = i.LastEventId,
        Scheduled = i.Scheduled,
        Blocking = i.Blocking,
        LockedUntil = i.LockedUntil,
        LockedBy = i.LockedBy,
    };

    /// <summary>Adds the new instance again, as it was before its run, with its event key (after the run's changes were discarded).</summary>
    private WorkflowInstance Restore(CrmDbContext db, FreshStart fresh)
    {
        var instance = Snapshot(fresh.Initial);
        db.Set<WorkflowInstance>().Add(instance);
        if (fresh.EventId is { } eventId)
        {
            db.Set<WorkflowEventStart>().Add(new WorkflowEventStart { EventId = eventId, WorkflowTypeId = instance.WorkflowTypeId, InstanceId = instance.Id, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }
        return instance;
    }

    private async Task RunInScopeAsync(IServiceProvider services, Guid instanceId, Resume? resume, CancellationToken ct, WorkflowInstance? loaded = null, WorkflowType? knownType = null, FreshStart? fresh = null)
    {
        var db = services.GetRequiredService<CrmDbContext>();
        var library = services.GetRequiredService<ActivityLibrary>();
        var expressions = services.GetRequiredService<IWorkflowExpressions>();
        var instance = loaded ?? await db.Set<WorkflowInstance>().FirstOrDefaultAsync(i => i.Id == instanceId, ct);
        // Runs only under this node's lease (the caller took it, or the caller has just added the instance); an
        // instance another node holds is left to that node.
        if (instance is null || (loaded is null && instance.LockedBy != Core.Background.WorkQueue.NodeId))
        {
            return;
        }
        var type = knownType ?? await db.Set<WorkflowType>().AsNoTracking().FirstAsync(t => t.Id == instance.WorkflowTypeId, ct);
        var graph = WorkflowGraph.ForVersion(type.Id, type.UpdatedAt, type.Graph);
        var scheduled = EngineJson.Scheduled(instance);
        var blocking = EngineJson.Blocking(instance);
        var variables = EngineJson.Object(instance.Variables);
        var payload = instance.EventPayload is null ? null : EngineJson.Object(instance.EventPayload);
        if (instance.Status is not (WorkflowStatus.Running or WorkflowStatus.Waiting))
        {
            await ReleaseAsync(db, instance, ct);
            return;
        }
        instance.Status = WorkflowStatus.Running;
        if (resume is not null)
        {
            payload = ApplyResume(instance, resume, graph, scheduled, blocking) ?? payload;
            // What woke the instance is kept even if the run then faults: a retry starts from here.
            EngineJson.Store(instance, scheduled, blocking, variables);
            await InstanceLease.SaveOwnedAsync(db, instance.Id);
        }

        var steps = 0;
        while (scheduled.Count > 0)
        {
            if (++steps > StepLimit)
            {
                await FaultAsync(db, instance, scheduled, blocking, variables, scheduled[0], $"The instance ran more than {StepLimit} activities without waiting (a loop without a Wait or Timer?) and was stopped.", ct);
                return;
            }
            var activityId = scheduled[0];
            var node = graph.Find(activityId);
            var descriptor = node is null ? null : library.Find(node.Type);
            var started = clock.GetUtcNow().UtcDateTime;
            var watch = Stopwatch.StartNew();
            ActivityResult result;
            EngineTaskContext? context = null;
            try
            {
                if (node is null || descriptor is null || !await library.IsAvailableAsync(descriptor, ct))
                {
                    throw new InvalidOperationException(node is null
                        ? $"The activity '{activityId}' is no longer in the workflow."
                        : $"The activity type '{node.Type}' is not available (its feature is disabled or its module is missing).");
                }
                context = new EngineTaskContext(instance.Id, node, descriptor, instance.EventName, payload, variables, services, db, expressions) { CorrelationId = instance.CorrelationId };
                result = descriptor.Kind == ActivityKind.Event
                    ? ActivityResult.Done()
                    : await library.Task(descriptor.Name)!.ExecuteAsync(context, ct);
                instance.CorrelationId = context.CorrelationId;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The run is one unit of work: its changes are discarded and the instance keeps the state it had
                // when the run began, so a retry runs the same activities again from there.
                db.DiscardChanges();
                instance = fresh is not null ? Restore(db, fresh) : await db.Set<WorkflowInstance>().FirstAsync(i => i.Id == instanceId, ct);
                AddLog(db, instance, activityId, node?.Type ?? "?", null, started, watch, context?.Messages, ex.Message);
                await FaultAsync(db, instance, EngineJson.Scheduled(instance), EngineJson.Blocking(instance), EngineJson.Object(instance.Variables), activityId, $"{node?.Type ?? activityId} ({activityId}): {ex.Message}", ct);
                return;
            }
            scheduled.RemoveAt(0);
            if (result.WaitForEvent is not null)
            {
                blocking.Add(new BlockingEntry(activityId, BlockingEntry.EventKind) { EventName = result.WaitForEvent });
            }
            else if (result.WaitUntil is not null)
            {
                blocking.Add(new BlockingEntry(activityId, BlockingEntry.TimerKind) { DueAt = result.WaitUntil });
            }
            foreach (var outcome in result.Outcomes)
            {
                Follow(graph, activityId, outcome, scheduled, blocking);
            }
            var outcomeText = result.Suspended ? (result.WaitForEvent is { } e ? $"waiting for {e}" : result.WaitUntil is { } u ? $"waiting until {u:u}" : "waiting") : string.Join(", ", result.Outcomes);
            AddLog(db, instance, activityId, node.Type, outcomeText, started, watch, context.Messages, null);
        }
        Complete(instance, scheduled, blocking);
        EngineJson.Store(instance, scheduled, blocking, variables);
        await ReleaseAsync(db, instance, ct);
    }

    private JsonObject? ApplyResume(WorkflowInstance instance, Resume resume, WorkflowGraph graph, List<string> scheduled, List<BlockingEntry> blocking)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var woken = blocking.Where(b => b.IsActive && (resume.Timers
            ? b.Kind == BlockingEntry.TimerKind && b.DueAt <= now
            : b.Kind == BlockingEntry.EventKind && b.EventName == resume.EventName && resume.ActivityIds.Contains(b.ActivityId))).ToList();
        foreach (var entry in woken)
        {
            blocking.Remove(entry);
            Follow(graph, entry.ActivityId, "Done", scheduled, blocking);
        }
        if (resume.Timers || woken.Count == 0)
        {
            return null;
        }
        instance.EventName = resume.EventName;
        instance.EventPayload = resume.Payload?.ToJsonString();
        instance.LastEventId = resume.EventId;
        return resume.Payload;
    }

    /// <summary>Schedules what follows an outcome; a join runs once its branches have arrived.</summary>
    private static void Follow(WorkflowGraph graph, string from, string outcome, List<string> scheduled, List<BlockingEntry> blocking)
    {
        foreach (var transition in graph.Transitions.Where(t => t.From == from && t.Outcome == outcome))
        {
            var target = graph.Find(transition.To);
            if (target?.Type != JoinTask.Name)
            {
                scheduled.Add(transition.To);
                continue;
            }
            var entry = blocking.FirstOrDefault(b => b.Kind == BlockingEntry.JoinKind && b.ActivityId == target.Id);
            if (entry is null)
            {
                entry = new BlockingEntry(target.Id, BlockingEntry.JoinKind);
                blocking.Add(entry);
            }
            if (entry.Fired)
            {
                continue;
            }
            entry.Arrived.Add(from);
            var inbound = graph.Transitions.Where(t => t.To == target.Id).Select(t => t.From).Distinct();
            var any = target.Properties.GetValueOrDefault("Mode") == "any";
            if (any || inbound.All(entry.Arrived.Contains))
            {
                scheduled.Add(target.Id);
                if (any)
                {
                    entry.Fired = true;
                }
                else
                {
                    blocking.Remove(entry);
                }
            }
        }
    }

    private void Complete(WorkflowInstance instance, List<string> scheduled, List<BlockingEntry> blocking)
    {
        if (scheduled.Count > 0)
        {
            instance.Status = WorkflowStatus.Running;
        }
        else if (blocking.Any(b => b.IsActive && b.Kind != BlockingEntry.JoinKind))
        {
            instance.Status = WorkflowStatus.Waiting;
        }
        else
        {
            instance.Status = WorkflowStatus.Finished;
            instance.FinishedAt = clock.GetUtcNow().UtcDateTime;
            blocking.Clear();
        }
    }

    private async Task FaultAsync(CrmDbContext db, WorkflowInstance instance, List<string> scheduled, List<BlockingEntry> blocking, JsonObject variables, string activityId, string message, CancellationToken ct)
    {
        logger.LogWarning("Workflow instance {InstanceId} faulted: {Message}", instance.Id, message);
        EngineJson.Store(instance, scheduled, blocking, variables);
        instance.Status = WorkflowStatus.Faulted;
        instance.FaultMessage = message.Length > 4000 ? message[..4000] : message;
        instance.FaultedActivityId = activityId;
        await ReleaseAsync(db, instance, ct);
    }

    private static async Task ReleaseAsync(CrmDbContext db, WorkflowInstance instance, CancellationToken ct)
    {
        instance.LockedUntil = null;
        instance.LockedBy = null;
        await InstanceLease.SaveOwnedAsync(db, instance.Id);
        _ = ct;
    }

    private static void AddLog(CrmDbContext db, WorkflowInstance instance, string activityId, string type, string? outcome, DateTime started, Stopwatch watch, string? message, string? error) =>
        db.Set<WorkflowExecutionLogEntry>().Add(new WorkflowExecutionLogEntry
        {
            InstanceId = instance.Id,
            Sequence = instance.LogCount++,
            ActivityId = activityId,
            ActivityType = type,
            Outcome = outcome?.Length > 500 ? outcome[..500] : outcome,
            StartedAt = started,
            DurationMs = watch.Elapsed.TotalMilliseconds,
            Message = message?.Length > 4000 ? message[..4000] : message,
            Error = error?.Length > 4000 ? error[..4000] : error,
        });
}
