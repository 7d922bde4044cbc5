using CrmPlatform.Core.Events;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Workflows;

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

    private readonly Dictionary<string, ActivityDescriptor> _descriptors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IWorkflowTask> _tasks = new(StringComparer.Ordinal);
    private readonly IFeatureManager _features;

    public ActivityLibrary(DomainEventRegistry events, IEnumerable<IWorkflowTask> tasks, IFeatureManager features, ModuleCatalog catalog)
    {
        _features = features;
        foreach (var descriptor in events.All)
        {
            Add(WorkflowEvents.Describe(descriptor, catalog.Find(descriptor.ModuleId)?.Name ?? descriptor.ModuleId));
        }
        Add(new ActivityDescriptor(TimerEvent, "Timer", "Workflows", WorkflowsModule.ModuleId, ActivityKind.Event)
        {
            Description = "Starts the workflow on a schedule.",
            Properties = [new("Cron", "Schedule (cron)", ActivityPropertyType.Cron, Required: true) { Description = "e.g. 0 8 * * 1 for Mondays at 08:00 UTC.", Default = "0 8 * * *" }],
        });
        Add(new ActivityDescriptor(ManualTrigger, "Manual trigger", "Workflows", WorkflowsModule.ModuleId, ActivityKind.Event)
        {
            Description = "Started from the admin or POST /api/v1/workflows/{id}/trigger, with input variables.",
        });
        foreach (var task in tasks)
        {
            Add(task.Descriptor);
            _tasks[task.Descriptor.Name] = task;
        }
    }

    private void Add(ActivityDescriptor descriptor) => _descriptors[descriptor.Name] = descriptor;

    public IEnumerable<ActivityDescriptor> All => _descriptors.Values;

    public ActivityDescriptor? Find(string name) => _descriptors.GetValueOrDefault(name);

    public IWorkflowTask? Task(string name) => _tasks.GetValueOrDefault(name);

    /// <summary>The activities whose feature is enabled.</summary>
    public async Task<IReadOnlyList<ActivityDescriptor>> AvailableAsync(CancellationToken ct)
    {
        var enabled = await _features.EnabledAsync(ct);
        return [.. All.Where(d => enabled.Contains(d.ModuleId)).OrderBy(d => d.Kind).ThenBy(d => d.Category).ThenBy(d => d.Title)];
    }

    public async Task<bool> IsAvailableAsync(ActivityDescriptor descriptor, CancellationToken ct) =>
        await _features.IsEnabledAsync(descriptor.ModuleId, ct);
}
