using System.Text.Json.Nodes;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Activities;
using CrmPlatform.Workflows.Data;
using CrmPlatform.Workflows.Expressions;
using CrmPlatform.Workflows.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Workflows.Engine;

/// <summary>
/// Hears every delivered domain event: starts each enabled workflow type whose start event matches and whose filter
/// passes (at most once per event and type, by the unique <c>workflow_event_starts</c> key), then resumes the
/// instances waiting on the event with a matching correlation.
/// </summary>
internal sealed class WorkflowStarter(CrmDbContext db, IServiceProvider services, Core.Features.IFeatureManager features, ActivityLibrary library, IWorkflowExpressions expressions, WorkflowRunner runner, StartTypeCache startTypes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Core.Background.LeaseOptions> leases, ILogger<WorkflowStarter> logger)
    : IDomainEventSubscriber
{
    public async Task HandleAsync(IDomainEvent domainEvent, DomainEventContext context, CancellationToken ct)
    {
        if (!await features.IsEnabledAsync(WorkflowsModule.ModuleId, ct))
        {
            return;
        }
        var payload = EngineJson.Payload(domainEvent);
        var descriptor = library.Find(context.EventName);
        if (descriptor is not null && await library.IsAvailableAsync(descriptor, ct))
        {
            await StartAllAsync(context.EventName, payload, context.EventId, ct);
        }
        await ResumeWaitingAsync(context.EventName, payload, context.EventId, ct);
    }

    public async Task StartAllAsync(string startEvent, JsonObject? payload, Guid eventId, CancellationToken ct)
    {
        foreach (var type in await startTypes.EnabledAsync(db, startEvent, ct))
        {
            // A delivery of the same event still running on this node (a redelivery racing the first) starts nothing.
            if (!InFlight.TryAdd((eventId, type.Id), 0))
            {
                continue;
            }
            try
            {
                var instance = await PrepareAsync(type, payload, eventId, new JsonObject(), ct);
                if (instance is null)
                {
                    continue;
                }
                if (instance.Status != WorkflowStatus.Running)
                {
                    await SaveNewAsync(instance, type, eventId, ct);
                    continue;
                }
                // Started and run in this scope and saved once: the instance, its event key, its log and what the
                // tasks wrote commit together (the key makes a second delivery's commit fail and roll back).
                AddNew(instance, type, eventId);
                await runner.RunNewAsync(services, instance, type, eventId, ct);
            }
            finally
            {
                InFlight.TryRemove((eventId, type.Id), out _);
                db.ChangeTracker.Clear();
            }
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid EventId, Guid TypeId), byte> InFlight = new();

    /// <summary>Creates the instance (leased to this node) unless the event already started this type or the filter excludes it.</summary>
    public async Task<Guid?> TryStartAsync(WorkflowType type, JsonObject? payload, Guid? eventId, JsonObject variables, CancellationToken ct)
    {
        var instance = await PrepareAsync(type, payload, eventId, variables, ct);
        if (instance is null || !await SaveNewAsync(instance, type, eventId, ct))
        {
            return null;
        }
        return instance.Status == WorkflowStatus.Running ? instance.Id : null;
    }

    private async Task<bool> SaveNewAsync(WorkflowInstance instance, WorkflowType type, Guid? eventId, CancellationToken ct)
    {
        AddNew(instance, type, eventId);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another delivery of the same event (on another node) started it first.
            return false;
        }
        finally
        {
            db.DiscardChanges();
        }
    }

    private void AddNew(WorkflowInstance instance, WorkflowType type, Guid? eventId)
    {
        db.Set<WorkflowInstance>().Add(instance);
        if (eventId is not null)
        {
            db.Set<WorkflowEventStart>().Add(new WorkflowEventStart { EventId = eventId.Value, WorkflowTypeId = type.Id, InstanceId = instance.Id, CreatedAt = clock.GetUtcNow().UtcDateTime });
        }
    }

    /// <summary>The new instance (not saved yet), or null when the event already started this type or the filter excludes it; a failing filter gives a faulted instance.</summary>
    private async Task<WorkflowInstance?> PrepareAsync(WorkflowType type, JsonObject? payload, Guid? eventId, JsonObject variables, CancellationToken ct)
    {
        if (eventId is { } seen && await db.Set<WorkflowEventStart>().AnyAsync(s => s.EventId == seen && s.WorkflowTypeId == type.Id, ct))
        {
            return null;
        }
        var graph = WorkflowGraph.ForVersion(type.Id, type.UpdatedAt, type.Graph);
        var start = graph.Activities.FirstOrDefault(a => library.Find(a.Type)?.Kind == ActivityKind.Event);
        if (start is null)
        {
            return null;
        }
        var scope = new ExpressionScope(payload, variables);
        var now = clock.GetUtcNow().UtcDateTime;
        var instance = new WorkflowInstance
        {
            WorkflowTypeId = type.Id,
            Status = WorkflowStatus.Running,
            EventName = eventId is null ? null : type.StartEvent,
            EventPayload = payload?.ToJsonString(),
            // The starting event must not also resume the instance it just started.
            LastEventId = eventId,
            Variables = variables.ToJsonString(),
            Scheduled = $"[\"{start.Id}\"]",
            LockedUntil = now + leases.Value.WorkflowLease,
            LockedBy = Core.Background.WorkQueue.NodeId,
        };
        try
        {
            // Filters read the event: a manual or scheduled start has none, so it is not filtered.
            if (payload is not null && !Matches(start, payload, scope))
            {
                return null;
            }
            if (start.Properties.GetValueOrDefault(ActivityLibrary.CorrelationProperty) is { Length: > 0 } correlation)
            {
                instance.CorrelationId = (await expressions.RenderLiquidAsync(correlation, scope, ct: ct)).Trim();
            }
        }
        catch (ExpressionException ex)
        {
            // A broken filter is visible as a faulted instance rather than silently starting nothing.
            instance.Status = WorkflowStatus.Faulted;
            instance.FaultMessage = $"The start event's filter failed: {ex.Message}";
            instance.FaultedActivityId = start.Id;
            instance.LockedUntil = null;
            instance.LockedBy = null;
        }
        return instance;
    }

    private bool Matches(ActivityNode start, JsonObject? payload, ExpressionScope scope)
    {
        foreach (var line in ActivityDescriptor.SplitLines(start.Properties.GetValueOrDefault(ActivityLibrary.MatchProperty)))
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !string.Equals(ReadPath(payload, parts[0]), parts[1], StringComparison.Ordinal))
            {
                return false;
            }
        }
        var condition = start.Properties.GetValueOrDefault(ActivityLibrary.ConditionProperty);
        return string.IsNullOrWhiteSpace(condition) || JsonConvert.IsTruthy(expressions.EvaluateJavaScript(condition, scope));
    }

    /// <summary>A field of the payload by dotted path, as text (strings unquoted).</summary>
    public static string? ReadPath(JsonObject? payload, string path)
    {
        JsonNode? node = payload;
        foreach (var segment in path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }
        return node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }

    private async Task ResumeWaitingAsync(string eventName, JsonObject? payload, Guid eventId, CancellationToken ct)
    {
        var marker = $"|{eventName}|";
        var candidates = await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.Status == WorkflowStatus.Waiting && i.WaitingEvents != null && i.WaitingEvents.Contains(marker) && (i.LastEventId == null || i.LastEventId != eventId))
            .Select(i => new { i.Id, i.WorkflowTypeId, i.CorrelationId, i.Blocking, i.Variables })
            .ToListAsync(ct);
        var busy = 0;
        foreach (var candidate in candidates)
        {
            var type = await db.Set<WorkflowType>().AsNoTracking().FirstAsync(t => t.Id == candidate.WorkflowTypeId, ct);
            var graph = WorkflowGraph.ForVersion(type.Id, type.UpdatedAt, type.Graph);
            var blocking = EngineJson.Blocking(new WorkflowInstance { Blocking = candidate.Blocking });
            var scope = new ExpressionScope(payload, EngineJson.Object(candidate.Variables), candidate.Id, candidate.CorrelationId);
            var matching = new List<string>();
            foreach (var entry in blocking.Where(b => b.IsActive && b.Kind == BlockingEntry.EventKind && b.EventName == eventName))
            {
                var correlation = graph.Find(entry.ActivityId)?.Properties.GetValueOrDefault(ActivityLibrary.CorrelationProperty);
                if (string.IsNullOrWhiteSpace(correlation) || await CorrelatesAsync(correlation, scope, candidate.CorrelationId, ct))
                {
                    matching.Add(entry.ActivityId);
                }
            }
            if (matching.Count == 0)
            {
                continue;
            }
            if (!await InstanceLease.TryTakeAsync(db, candidate.Id, clock.GetUtcNow().UtcDateTime, leases.Value.WorkflowLease, ct))
            {
                busy++;
                continue;
            }
            await runner.RunAsync(candidate.Id, new Resume(eventName, payload, eventId, matching), ct);
        }
        if (busy > 0)
        {
            // Redelivery retries only these: started types are de-duplicated and resumed instances remember the event id.
            throw new InvalidOperationException($"{busy} waiting workflow instance(s) are running on another node; the event will be delivered again.");
        }
    }

    private async Task<bool> CorrelatesAsync(string template, ExpressionScope scope, string? instanceCorrelation, CancellationToken ct)
    {
        try
        {
            return string.Equals((await expressions.RenderLiquidAsync(template, scope, ct: ct)).Trim(), instanceCorrelation, StringComparison.Ordinal);
        }
        catch (ExpressionException ex)
        {
            logger.LogWarning("Correlation template failed for instance {InstanceId}: {Message}", scope.InstanceId, ex.Message);
            return false;
        }
    }
}
