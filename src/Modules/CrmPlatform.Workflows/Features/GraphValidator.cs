using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Activities;
using CrmPlatform.Workflows.Model;

namespace CrmPlatform.Workflows.Features;

/// <summary>
/// Checks a graph before it is saved (editor, API, import, recipe). Errors are keyed so that screens can show them
/// next to the field: <c>graph</c>, <c>activities.{id}.type</c>, <c>activities.{id}.{property}</c>, <c>transitions.{index}</c>.
/// </summary>
internal sealed class GraphValidator(ActivityLibrary library, IWorkflowExpressions expressions, Core.Data.CrmDbContext db)
{
    public async Task<Dictionary<string, List<string>>> ValidateAsync(WorkflowGraph graph, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }
            list.Add(message);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var descriptors = new Dictionary<string, ActivityDescriptor>(StringComparer.Ordinal);
        foreach (var activity in graph.Activities)
        {
            if (string.IsNullOrWhiteSpace(activity.Id) || activity.Id.Length > 100)
            {
                Add("graph", "Every activity needs an id of at most 100 characters.");
                continue;
            }
            if (!ids.Add(activity.Id))
            {
                Add($"activities.{activity.Id}.type", $"The id '{activity.Id}' is used by more than one activity.");
                continue;
            }
            var descriptor = library.Find(activity.Type);
            if (descriptor is null || !await library.IsAvailableAsync(descriptor, ct))
            {
                Add($"activities.{activity.Id}.type", descriptor is null
                    ? $"Unknown activity type '{activity.Type}' (activity '{activity.Id}')."
                    : $"The activity type '{activity.Type}' (activity '{activity.Id}') belongs to a disabled feature.");
                continue;
            }
            descriptors[activity.Id] = descriptor;
            var before = errors.Count;
            ValidateProperties(activity, descriptor, Add);
            // Data checks (does this tracker exist?) only once the values have the right shape.
            if (errors.Count == before && library.Task(descriptor.Name) is { } task)
            {
                foreach (var (property, message) in await task.ValidateAsync(activity.Properties, db, ct))
                {
                    Add($"activities.{activity.Id}.{property}", message);
                }
            }
        }

        var starts = graph.Activities.Where(a => descriptors.TryGetValue(a.Id, out var d) && d.Kind == ActivityKind.Event).ToList();
        if (starts.Count == 0 && !errors.Keys.Any(k => k.EndsWith(".type", StringComparison.Ordinal)))
        {
            Add("graph", "The workflow has no start event: add one event activity (a module event, Timer or Manual trigger).");
        }
        else if (starts.Count > 1)
        {
            Add("graph", $"A workflow has exactly one start event; this one has {starts.Count} ({string.Join(", ", starts.Select(s => s.Id))}).");
        }

        for (var i = 0; i < graph.Transitions.Count; i++)
        {
            var t = graph.Transitions[i];
            if (!ids.Contains(t.From))
            {
                Add($"transitions.{i}", $"Transition {i + 1} starts at an unknown activity '{t.From}'.");
            }
            else if (descriptors.TryGetValue(t.From, out var from) && !from.OutcomesFor(graph.Find(t.From)!.Properties).Contains(t.Outcome))
            {
                Add($"transitions.{i}", $"Transition {i + 1}: '{t.From}' has no outcome '{t.Outcome}' (it has: {string.Join(", ", from.OutcomesFor(graph.Find(t.From)!.Properties))}).");
            }
            if (!ids.Contains(t.To))
            {
                Add($"transitions.{i}", $"Transition {i + 1} leads to an unknown activity '{t.To}'.");
            }
            else if (starts.Any(s => s.Id == t.To))
            {
                Add($"transitions.{i}", $"Transition {i + 1} leads back to the start event '{t.To}'.");
            }
        }

        if (FindCycle(graph, descriptors) is { } cycle)
        {
            Add("graph", $"The activities {string.Join(" → ", cycle)} form a loop without a Wait for event or Timer activity; it would never stop.");
        }
        return errors;
    }

    private void ValidateProperties(ActivityNode activity, ActivityDescriptor descriptor, Action<string, string> add)
    {
        foreach (var property in descriptor.Properties)
        {
            // An unset property runs with its default (as the engine reads it), so the default counts here too.
            var value = activity.Properties.GetValueOrDefault(property.Name) is { Length: > 0 } set ? set : property.Default;
            var key = $"activities.{activity.Id}.{property.Name}";
            if (property.Validate(value) is { } shapeError)
            {
                add(key, shapeError);
                continue;
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            var syntax = property.Type switch
            {
                ActivityPropertyType.Liquid => expressions.CheckLiquid(value) is { } e ? $"{property.Title}: invalid Liquid: {e}" : null,
                ActivityPropertyType.JavaScript => expressions.CheckJavaScript(value) is { } e ? $"{property.Title}: invalid JavaScript: {e}" : null,
                ActivityPropertyType.Cron => CronSchedule.Check(value) is { } e ? $"{property.Title}: invalid cron expression: {e}" : null,
                _ => null,
            };
            if (syntax is not null)
            {
                add(key, syntax);
            }
        }
        if (descriptor.Name == WaitForEventTask.Name && activity.Properties.GetValueOrDefault("Event") is { Length: > 0 } name
            && library.Find(name.Trim()) is not { Kind: ActivityKind.Event })
        {
            add($"activities.{activity.Id}.Event", $"There is no event named '{name}'.");
        }
    }

    /// <summary>A cycle among activities that do not suspend (waits and timers break loops), or null.</summary>
    private static List<string>? FindCycle(WorkflowGraph graph, Dictionary<string, ActivityDescriptor> descriptors)
    {
        var edges = graph.Transitions
            .Where(t => descriptors.TryGetValue(t.From, out var f) && !f.Suspends && descriptors.TryGetValue(t.To, out var to) && !to.Suspends)
            .GroupBy(t => t.From)
            .ToDictionary(g => g.Key, g => g.Select(t => t.To).Distinct().ToList());
        var state = new Dictionary<string, int>();
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in edges.Keys)
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }
}
