using System.Text.Json.Nodes;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Core.Workflows;

/// <summary>
/// A task activity a module contributes (e.g. <c>AddContactNote</c>). Registered with
/// <see cref="WorkflowServiceCollectionExtensions.AddWorkflowTask{T}"/>; resolved from the instance's scope, so it may
/// take scoped services in its constructor. It runs inside the instance's unit of work: changes made through
/// <see cref="WorkflowTaskContext.Db"/> are saved with the rest of the run and the instance's new state (do not call
/// <c>SaveChanges</c>), and discarded if this or a later activity of the run throws (the instance is then faulted
/// with the exception's message). Delivery is at least once and a retry runs the run again, so a task that calls the
/// outside world should tolerate running twice.
/// </summary>
public interface IWorkflowTask
{
    /// <summary>The activity's description; <see cref="ActivityDescriptor.Kind"/> must be <see cref="ActivityKind.Task"/>.</summary>
    ActivityDescriptor Descriptor { get; }

    Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct);

    /// <summary>
    /// Save-time checks of the configured values against the data (an id or name that must exist), beyond the shape
    /// checks of <see cref="ActivityProperty.Validate"/>. Only literal values can be checked (see
    /// <see cref="WorkflowTaskValues.IsTemplate"/>); templated ones are checked when the task runs. Returns
    /// (property, message) pairs; none by default.
    /// </summary>
    Task<IReadOnlyList<(string Property, string Message)>> ValidateAsync(IReadOnlyDictionary<string, string> properties, CrmDbContext db, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(string Property, string Message)>>([]);
}

/// <summary>How an activity ended: with outcomes to follow, or suspended until an event or a time.</summary>
public sealed record ActivityResult
{
    public IReadOnlyList<string> Outcomes { get; private init; } = [];

    /// <summary>Set when the activity waits for a domain event (by name).</summary>
    public string? WaitForEvent { get; private init; }

    /// <summary>Set when the activity waits until a time (UTC).</summary>
    public DateTime? WaitUntil { get; private init; }

    /// <summary>True when the activity neither finished nor waits for anything the engine tracks (a join still missing branches).</summary>
    public bool Halted { get; private init; }

    public bool Suspended => WaitForEvent is not null || WaitUntil is not null || Halted;

    public static ActivityResult Outcome(string outcome) => new() { Outcomes = [outcome] };

    public static ActivityResult Done() => Outcome("Done");

    /// <summary>Follows several outcomes at once (a fork).</summary>
    public static ActivityResult Many(IEnumerable<string> outcomes) => new() { Outcomes = [.. outcomes] };

    public static ActivityResult Event(string eventName) => new() { WaitForEvent = eventName };

    public static ActivityResult Until(DateTime utc) => new() { WaitUntil = DateTime.SpecifyKind(utc, DateTimeKind.Utc) };

    public static ActivityResult Halt() => new() { Halted = true };
}

/// <summary>What a running task sees. Implemented by the workflow engine.</summary>
public abstract class WorkflowTaskContext
{
    /// <summary>The id of the workflow instance.</summary>
    public abstract Guid InstanceId { get; }

    /// <summary>The id of the activity in the workflow graph.</summary>
    public abstract string ActivityId { get; }

    /// <summary>The instance's correlation id (e.g. the contact id), if any.</summary>
    public abstract string? CorrelationId { get; set; }

    /// <summary>The payload of the event that started or last resumed the instance (property names as in the C# record), or null.</summary>
    public abstract JsonObject? Event { get; }

    /// <summary>The name of that event, or null (manual start, timer).</summary>
    public abstract string? EventName { get; }

    /// <summary>The instance's variables; changes are saved with the instance.</summary>
    public abstract JsonObject Variables { get; }

    /// <summary>A service provider for the instance's scope.</summary>
    public abstract IServiceProvider Services { get; }

    /// <summary>The instance's context: what a task saves here commits atomically with the instance state.</summary>
    public abstract CrmDbContext Db { get; }

    /// <summary>The property's value as stored, without rendering (null when unset).</summary>
    public abstract string? GetRaw(string property);

    /// <summary>The property's value, Liquid-rendered when the property is of type <see cref="ActivityPropertyType.Liquid"/>.</summary>
    public abstract Task<string> GetTextAsync(string property, CancellationToken ct = default);

    /// <summary>Runs a JavaScript property in the sandbox and returns its value (converted to CLR primitives, lists and dictionaries).</summary>
    public abstract object? Evaluate(string property);

    /// <summary>Adds a line to the instance's execution log.</summary>
    public abstract void Log(string message);
}
