using CrmPlatform.Core.Events;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Workflows.Activities;

/// <summary>
/// Every activity the designer offers and the engine runs: one event activity per registered domain event, the
/// built-in <c>Timer</c> and <c>ManualTrigger</c> events, and every task registered with <c>AddWorkflowTask</c>.
/// Activities of a disabled feature are hidden from the designer and never run.
/// </summary>
internal sealed class ActivityLibrary
{
    public const string TimerEvent = "Timer";
    public const string ManualTrigger = "ManualTrigger";
    public const string CorrelationProperty = WorkflowEvents.CorrelationProperty;
    public const string ConditionProperty = WorkflowEvents.ConditionProperty;
    public const string MatchProperty = WorkflowEvents.MatchProperty;

    private readonly ActivityCatalog _catalog;
    private readonly IServiceProvider _services;
    private readonly IFeatureManager _features;

    public ActivityLibrary(ActivityCatalog catalog, IServiceProvider services, IFeatureManager features)
    {
        _catalog = catalog;
        _services = services;
        _features = features;
    }

    public IEnumerable<ActivityDescriptor> All => _catalog.Descriptors.Values;

    public ActivityDescriptor? Find(string name) => _catalog.Descriptors.GetValueOrDefault(name);

    /// <summary>The task, resolved from this scope (tasks may take scoped services).</summary>
    public IWorkflowTask? Task(string name) =>
        _catalog.TaskTypes.TryGetValue(name, out var type) ? (IWorkflowTask)_services.GetRequiredService(type) : null;

    /// <summary>The activities whose feature is enabled.</summary>
    public async Task<IReadOnlyList<ActivityDescriptor>> AvailableAsync(CancellationToken ct)
    {
        var enabled = await _features.EnabledAsync(ct);
        return [.. All.Where(d => enabled.Contains(d.ModuleId)).OrderBy(d => d.Kind).ThenBy(d => d.Category).ThenBy(d => d.Title)];
    }

    public async Task<bool> IsAvailableAsync(ActivityDescriptor descriptor, CancellationToken ct) =>
        await _features.IsEnabledAsync(descriptor.ModuleId, ct);
}

/// <summary>
/// The descriptors of every activity and the task type behind each name, built once (from a throw-away scope) rather
/// than by constructing every task for each delivered event.
/// </summary>
internal sealed class ActivityCatalog
{
    public ActivityCatalog(DomainEventRegistry events, ModuleCatalog modules, IServiceScopeFactory scopes)
    {
        var descriptors = new Dictionary<string, ActivityDescriptor>(StringComparer.Ordinal);
        var taskTypes = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var descriptor in events.All)
        {
            descriptors[descriptor.Name] = WorkflowEvents.Describe(descriptor, modules.Find(descriptor.ModuleId)?.Name ?? descriptor.ModuleId);
        }
        descriptors[ActivityLibrary.TimerEvent] = new ActivityDescriptor(ActivityLibrary.TimerEvent, "Timer", "Workflows", WorkflowsModule.ModuleId, ActivityKind.Event)
        {
            Description = "Starts the workflow on a schedule.",
            Properties = [new("Cron", "Schedule (cron)", ActivityPropertyType.Cron, Required: true) { Description = "e.g. 0 8 * * 1 for Mondays at 08:00 UTC.", Default = "0 8 * * *" }],
        };
        descriptors[ActivityLibrary.ManualTrigger] = new ActivityDescriptor(ActivityLibrary.ManualTrigger, "Manual trigger", "Workflows", WorkflowsModule.ModuleId, ActivityKind.Event)
        {
            Description = "Started from the admin or POST /api/v1/workflows/{id}/trigger, with input variables.",
        };
        using var scope = scopes.CreateScope();
        foreach (var task in scope.ServiceProvider.GetServices<IWorkflowTask>())
        {
            descriptors[task.Descriptor.Name] = task.Descriptor;
            taskTypes[task.Descriptor.Name] = task.GetType();
        }
        Descriptors = descriptors;
        TaskTypes = taskTypes;
    }

    public IReadOnlyDictionary<string, ActivityDescriptor> Descriptors { get; }

    public IReadOnlyDictionary<string, Type> TaskTypes { get; }
}
