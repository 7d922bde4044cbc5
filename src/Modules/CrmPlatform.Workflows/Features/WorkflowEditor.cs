using System.Text.Json;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Activities;
using CrmPlatform.Workflows.Model;

namespace CrmPlatform.Workflows.Features;

/// <summary>
/// The editor's operations on a draft graph. The editor is stateless: each post carries the draft (JSON) and the
/// property fields (<c>p.{activity}.{property}</c>); the draft is only stored by Save, after validation.
/// </summary>
internal sealed class WorkflowEditor(ActivityLibrary library)
{
    public const string FieldPrefix = "p.";

    public static WorkflowGraph ReadDraft(string? json)
    {
        try
        {
            return string.IsNullOrWhiteSpace(json) ? new WorkflowGraph() : WorkflowGraph.Parse(json);
        }
        catch (JsonException)
        {
            return new WorkflowGraph();
        }
    }

    /// <summary>Copies the posted property fields into the draft.</summary>
    public static void ApplyFields(WorkflowGraph graph, IEnumerable<KeyValuePair<string, string>> fields)
    {
        foreach (var (key, value) in fields)
        {
            if (!key.StartsWith(FieldPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var rest = key[FieldPrefix.Length..];
            var dot = rest.LastIndexOf('.');
            if (dot <= 0 || graph.Find(rest[..dot]) is not { } node)
            {
                continue;
            }
            node.Properties[rest[(dot + 1)..]] = value.Replace("\r\n", "\n", StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Adds an activity with its default property values; a new event replaces the current start event. A task is
    /// connected from the previous last activity's first outcome when that outcome leads nowhere yet, so a simple
    /// chain needs no "Connect" step.
    /// </summary>
    public string? Add(WorkflowGraph graph, string type)
    {
        if (library.Find(type) is not { } descriptor)
        {
            return null;
        }
        if (descriptor.Kind == ActivityKind.Event)
        {
            foreach (var start in graph.Activities.Where(a => library.Find(a.Type)?.Kind == ActivityKind.Event).ToList())
            {
                Remove(graph, start.Id);
            }
        }
        var prefix = new string([.. descriptor.Name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        var n = 1;
        while (graph.Find($"{prefix}{n}") is not null)
        {
            n++;
        }
        var id = $"{prefix}{n}";
        var node = new ActivityNode
        {
            Id = id,
            Type = descriptor.Name,
            Properties = descriptor.Properties.Where(p => p.Default is not null).ToDictionary(p => p.Name, p => p.Default!),
        };
        if (descriptor.Kind == ActivityKind.Event)
        {
            graph.Activities.Insert(0, node);
        }
        else
        {
            var previous = graph.Activities.LastOrDefault();
            graph.Activities.Add(node);
            if (previous is not null && library.Find(previous.Type)?.OutcomesFor(previous.Properties) is [var first, ..]
                && !graph.Transitions.Any(t => t.From == previous.Id && t.Outcome == first))
            {
                Connect(graph, previous.Id, first, id);
            }
        }
        return id;
    }

    public static void Remove(WorkflowGraph graph, string activityId)
    {
        graph.Activities.RemoveAll(a => a.Id == activityId);
        graph.Transitions.RemoveAll(t => t.From == activityId || t.To == activityId);
    }

    public static void Connect(WorkflowGraph graph, string from, string outcome, string to)
    {
        if (!graph.Transitions.Contains(new Transition(from, outcome, to)))
        {
            graph.Transitions.Add(new Transition(from, outcome, to));
        }
    }

    public static void Disconnect(WorkflowGraph graph, int index)
    {
        if (index >= 0 && index < graph.Transitions.Count)
        {
            graph.Transitions.RemoveAt(index);
        }
    }

    /// <summary>The diagram of the draft.</summary>
    public DiagramLayout Layout(WorkflowGraph graph) =>
        DiagramLayout.Create(graph, t => library.Find(t)?.Title ?? t, t => library.Find(t)?.Kind == ActivityKind.Event);

    /// <summary>Stores the diagram's positions in the graph, so exports carry them.</summary>
    public void Arrange(WorkflowGraph graph)
    {
        var boxes = Layout(graph).Boxes.ToDictionary(b => b.Id, StringComparer.Ordinal);
        for (var i = 0; i < graph.Activities.Count; i++)
        {
            if (boxes.TryGetValue(graph.Activities[i].Id, out var box))
            {
                graph.Activities[i] = graph.Activities[i] with { X = box.X, Y = box.Y };
            }
        }
    }

    /// <summary>Every (activity, outcome) pair of the draft, for the "connect" form.</summary>
    public IReadOnlyList<(string ActivityId, string Outcome)> Outcomes(WorkflowGraph graph) =>
        [.. graph.Activities.SelectMany(a => (library.Find(a.Type)?.OutcomesFor(a.Properties) ?? []).Select(o => (a.Id, o)))];
}
