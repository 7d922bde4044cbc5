using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Workflows.Data;
using CrmPlatform.Workflows.Engine;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Workflows.Features;

public sealed class InstanceFilter
{
    public Guid? Type { get; set; }
    [RegularExpression("^(running|waiting|finished|faulted|cancelled)$", ErrorMessage = "The status must be running, waiting, finished, faulted or cancelled.")]
    public string? Status { get; set; }
    [StringLength(200)] public string? Correlation { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    [StringLength(1024)] public string? Cursor { get; set; }
    [Range(1, Core.Api.Cursor.MaxLimit)] public int? Limit { get; set; }
}

public sealed record InstanceSummary(Guid Id, Guid WorkflowTypeId, string WorkflowName, string Status, string? CorrelationId, string? EventName, string? FaultMessage, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record LogEntryDto(string ActivityId, string ActivityType, string? Outcome, DateTime StartedAt, double DurationMs, string? Message, string? Error);

public sealed record InstanceDetails(InstanceSummary Instance, JsonObject Variables, JsonObject? Event, IReadOnlyList<string> Scheduled, string? WaitingEvents, DateTime? TimerDueAt, string? FaultedActivityId, IReadOnlyList<LogEntryDto> Log);

/// <summary>Finds instances and retries, cancels or starts them (admin screens and API).</summary>
internal sealed class WorkflowInstances(CrmDbContext db, WorkflowRunner runner, WorkflowStarter starter, TimeProvider clock, Microsoft.Extensions.Options.IOptions<Core.Background.LeaseOptions> leases)
{
    public async Task<Result<CursorPage<InstanceSummary>>> SearchAsync(InstanceFilter filter, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(filter);
        if (!Core.Api.Cursor.TryDecode<Guid>(filter.Cursor, out var after))
        {
            errors["cursor"] = ["The cursor is not valid; start again from the first page."];
        }
        if (errors.Count > 0)
        {
            return Result<CursorPage<InstanceSummary>>.Invalid(errors);
        }
        var limit = Core.Api.Cursor.ClampLimit(filter.Limit);
        var query = db.Set<WorkflowInstance>().AsNoTracking();
        if (filter.Type is { } type)
        {
            query = query.Where(i => i.WorkflowTypeId == type);
        }
        if (!string.IsNullOrEmpty(filter.Status))
        {
            var status = Enum.Parse<WorkflowStatus>(filter.Status, ignoreCase: true);
            query = query.Where(i => i.Status == status);
        }
        if (!string.IsNullOrWhiteSpace(filter.Correlation))
        {
            query = query.Where(i => i.CorrelationId == filter.Correlation.Trim());
        }
        if (filter.From is { } from)
        {
            var utc = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            query = query.Where(i => i.CreatedAt >= utc);
        }
        if (filter.To is { } to)
        {
            var utc = DateTime.SpecifyKind(to, DateTimeKind.Utc);
            query = query.Where(i => i.CreatedAt <= utc);
        }
        if (after != Guid.Empty)
        {
            query = query.Where(i => i.Id.CompareTo(after) < 0);
        }
        var rows = await Project(query.OrderByDescending(i => i.Id).Take(limit + 1)).ToListAsync(ct);
        var next = rows.Count > limit ? Core.Api.Cursor.Encode(rows[limit - 1].Id) : null;
        return Result<CursorPage<InstanceSummary>>.Ok(new CursorPage<InstanceSummary>([.. rows.Take(limit).Select(r => r.ToSummary())], next));
    }

    public async Task<InstanceDetails?> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await Project(db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.Id == id)).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().FirstAsync(i => i.Id == id, ct);
        var log = await db.Set<WorkflowExecutionLogEntry>().AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Sequence)
            .Select(e => new LogEntryDto(e.ActivityId, e.ActivityType, e.Outcome, e.StartedAt, e.DurationMs, e.Message, e.Error))
            .Take(1000).ToListAsync(ct);
        return new InstanceDetails(row.ToSummary(), EngineJson.Object(instance.Variables), instance.EventPayload is null ? null : EngineJson.Object(instance.EventPayload),
            EngineJson.Scheduled(instance), instance.WaitingEvents, instance.TimerDueAt, instance.FaultedActivityId, log);
    }

    public async Task<IReadOnlyList<(Guid Id, string Name)>> TypeNamesAsync(CancellationToken ct) =>
        [.. (await db.Set<WorkflowType>().AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name))];

    /// <summary>Runs a faulted instance again from the activity that faulted.</summary>
    public async Task<Result<InstanceDetails>> RetryAsync(Guid id, CancellationToken ct)
    {
        var instance = await db.Set<WorkflowInstance>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null)
        {
            return Result<InstanceDetails>.NotFound();
        }
        if (instance.Status != WorkflowStatus.Faulted)
        {
            return Result<InstanceDetails>.Conflict("status", "Only a faulted instance can be retried.");
        }
        if (!await InstanceLease.TryTakeAsync(db, id, clock.GetUtcNow().UtcDateTime, leases.Value.WorkflowLease, ct))
        {
            return Result<InstanceDetails>.Conflict("status", "The instance is being changed on another node; try again in a moment.");
        }
        instance.Status = WorkflowStatus.Running;
        instance.FaultMessage = null;
        instance.FaultedActivityId = null;
        await db.SaveChangesAsync(ct);
        await runner.RunAsync(id, null, ct);
        return Result<InstanceDetails>.Ok((await GetAsync(id, ct))!);
    }

    public async Task<Result<InstanceDetails>> CancelAsync(Guid id, CancellationToken ct)
    {
        var instance = await db.Set<WorkflowInstance>().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null)
        {
            return Result<InstanceDetails>.NotFound();
        }
        if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            return Result<InstanceDetails>.Conflict("status", $"The instance is already {EnumNames.ToSnake(instance.Status)}.");
        }
        if (!await InstanceLease.TryTakeAsync(db, id, clock.GetUtcNow().UtcDateTime, leases.Value.WorkflowLease, ct))
        {
            return Result<InstanceDetails>.Conflict("status", "The instance is running right now; try again in a moment.");
        }
        await db.Entry(instance).ReloadAsync(ct);
        instance.Status = WorkflowStatus.Cancelled;
        instance.WaitingEvents = null;
        instance.TimerDueAt = null;
        instance.FinishedAt = clock.GetUtcNow().UtcDateTime;
        instance.LockedUntil = null;
        instance.LockedBy = null;
        await db.SaveChangesAsync(ct);
        return Result<InstanceDetails>.Ok((await GetAsync(id, ct))!);
    }

    /// <summary>Starts an enabled workflow now with input variables (the Manual trigger, or any start event without its payload).</summary>
    public async Task<Result<InstanceDetails>> TriggerAsync(Guid typeId, JsonObject? variables, CancellationToken ct)
    {
        var type = await db.Set<WorkflowType>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == typeId, ct);
        if (type is null)
        {
            return Result<InstanceDetails>.NotFound();
        }
        if (!type.Enabled)
        {
            return Result<InstanceDetails>.Conflict("enabled", "The workflow is disabled; enable it first.");
        }
        var id = await starter.TryStartAsync(type, null, null, variables ?? [], ct);
        if (id is null)
        {
            return Result<InstanceDetails>.Invalid("workflow", "The workflow has no start event.");
        }
        await runner.RunAsync(id.Value, null, ct);
        return Result<InstanceDetails>.Ok((await GetAsync(id.Value, ct))!);
    }

    private IQueryable<InstanceRow> Project(IQueryable<WorkflowInstance> query) =>
        from i in query
        join t in db.Set<WorkflowType>() on i.WorkflowTypeId equals t.Id
        select new InstanceRow(i.Id, i.WorkflowTypeId, t.Name, i.Status, i.CorrelationId, i.EventName, i.FaultMessage, i.CreatedAt, i.UpdatedAt);

    private sealed record InstanceRow(Guid Id, Guid WorkflowTypeId, string WorkflowName, WorkflowStatus Status, string? CorrelationId, string? EventName, string? FaultMessage, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public InstanceSummary ToSummary() => new(Id, WorkflowTypeId, WorkflowName, EnumNames.ToSnake(Status), CorrelationId, EventName, FaultMessage, CreatedAt, UpdatedAt);
    }
}
