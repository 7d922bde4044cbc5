using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Workflows.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Workflows.Engine;

/// <summary>What a blocking activity waits on: an event, a time, or the branches of a join.</summary>
internal sealed record BlockingEntry(string ActivityId, string Kind)
{
    public const string EventKind = "event";
    public const string TimerKind = "timer";
    public const string JoinKind = "join";

    public string? EventName { get; init; }
    public DateTime? DueAt { get; init; }
    public List<string> Arrived { get; init; } = [];

    /// <summary>A join in "any" mode that has already continued; later arrivals are ignored.</summary>
    public bool Fired { get; set; }

    public bool IsActive => !Fired;
}

/// <summary>What woke an instance: an event (with its payload) or due timers.</summary>
internal sealed record Resume(string? EventName, JsonObject? Payload, Guid? EventId, IReadOnlyList<string> ActivityIds, bool Timers = false);

internal static class EngineJson
{
    public static readonly JsonSerializerOptions State = new(JsonSerializerDefaults.Web);

    /// <summary>Event payloads as expressions see them: C# property names, enums as their snake_case names.</summary>
    public static readonly JsonSerializerOptions PayloadOptions = CreatePayloadOptions();

    private static JsonSerializerOptions CreatePayloadOptions()
    {
        var options = new JsonSerializerOptions();
        CrmServiceCollectionExtensions.ConfigureJson(options);
        return options;
    }

    public static List<string> Scheduled(WorkflowInstance instance) => JsonSerializer.Deserialize<List<string>>(instance.Scheduled, State) ?? [];

    public static List<BlockingEntry> Blocking(WorkflowInstance instance) => JsonSerializer.Deserialize<List<BlockingEntry>>(instance.Blocking, State) ?? [];

    public static JsonObject Object(string? json) => (string.IsNullOrEmpty(json) ? null : JsonNode.Parse(json) as JsonObject) ?? [];

    public static JsonObject? Payload(object domainEvent) => JsonSerializer.SerializeToNode(domainEvent, domainEvent.GetType(), PayloadOptions) as JsonObject;

    public static void Store(WorkflowInstance instance, List<string> scheduled, List<BlockingEntry> blocking, JsonObject variables)
    {
        instance.Scheduled = JsonSerializer.Serialize(scheduled, State);
        instance.Blocking = JsonSerializer.Serialize(blocking, State);
        instance.Variables = variables.ToJsonString();
        var events = blocking.Where(b => b.IsActive && b.Kind == BlockingEntry.EventKind).Select(b => b.EventName).Distinct().ToList();
        instance.WaitingEvents = events.Count == 0 ? null : "|" + string.Join('|', events) + "|";
        instance.TimerDueAt = blocking.Where(b => b.IsActive && b.DueAt is not null).Min(b => b.DueAt);
    }
}

/// <summary>The per-instance lease (the <c>WorkQueue</c> columns): one node runs an instance at a time.</summary>
internal static class InstanceLease
{
    /// <summary>Takes the lease for <paramref name="lease"/> unless another node holds it; atomic on both databases (a conditional UPDATE).</summary>
    public static async Task<bool> TryTakeAsync(CrmDbContext db, Guid instanceId, DateTime now, TimeSpan lease, CancellationToken ct)
    {
        var until = now + lease;
        var node = Core.Background.WorkQueue.NodeId;
        var rows = await db.Set<WorkflowInstance>()
            .Where(i => i.Id == instanceId && (i.LockedUntil == null || i.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LockedUntil, until).SetProperty(i => i.LockedBy, node), ct);
        return rows == 1;
    }

    /// <summary>
    /// Saves the context's changes only while this node still holds the instance's lease: in one transaction, a
    /// conditional UPDATE of the row (which also locks it until commit) proves the lease is ours, then the changes are
    /// written. A node whose lease ran out (it stalled and another node took the instance over) throws
    /// <see cref="LeaseLostException"/> and writes nothing, so a run is never committed twice.
    /// </summary>
    public static async Task SaveOwnedAsync(CrmDbContext db, Guid instanceId)
    {
        var node = Core.Background.WorkQueue.NodeId;
        // A new instance (started and first run in one commit) has no row yet to hold a lease on: nobody else can see it.
        if (db.ChangeTracker.Entries<WorkflowInstance>().Any(e => e.Entity.Id == instanceId && e.State == EntityState.Added))
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return;
        }
        var own = db.Database.CurrentTransaction is null;
        var transaction = own ? await db.Database.BeginTransactionAsync(CancellationToken.None) : null;
        try
        {
            var held = await db.Set<WorkflowInstance>()
                .Where(i => i.Id == instanceId && i.LockedBy == node)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LockedBy, node), CancellationToken.None);
            if (held == 0)
            {
                throw new LeaseLostException(instanceId);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            if (transaction is not null)
            {
                await transaction.CommitAsync(CancellationToken.None);
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }
}

/// <summary>This node no longer holds the lease of the instance it was running; another node has taken it over.</summary>
internal sealed class LeaseLostException(Guid instanceId)
    : Exception($"The lease on workflow instance {instanceId} was lost to another node; this run's changes were discarded.");
