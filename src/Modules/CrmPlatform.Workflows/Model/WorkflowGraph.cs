using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrmPlatform.Workflows.Model;

/// <summary>An activity placed in a workflow: its id in the graph, its type (an activity descriptor name), its property values and its position in the diagram.</summary>
public sealed record ActivityNode
{
    public string Id { get; init; } = "";
    public string Type { get; init; } = "";
    public Dictionary<string, string> Properties { get; init; } = [];
    public int X { get; init; }
    public int Y { get; init; }
}

/// <summary>When <see cref="From"/> ends with <see cref="Outcome"/>, <see cref="To"/> runs next.</summary>
public sealed record Transition(string From, string Outcome, string To);

/// <summary>The graph of a workflow type, stored as JSON and exchanged in exports, imports and recipes.</summary>
public sealed record WorkflowGraph
{
    public List<ActivityNode> Activities { get; init; } = [];
    public List<Transition> Transitions { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        MaxDepth = 32,
    };

    public ActivityNode? Find(string id) => Activities.FirstOrDefault(a => a.Id == id);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static WorkflowGraph Parse(string json) => JsonSerializer.Deserialize<WorkflowGraph>(json, Json) ?? new WorkflowGraph();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid, DateTime), WorkflowGraph> Parsed = new();

    /// <summary>
    /// The graph of a workflow type version (its id and <c>UpdatedAt</c>), parsed once: the engine reads graphs for every
    /// event and never changes them. A save gives a new version; old ones are dropped when the cache grows large.
    /// </summary>
    public static WorkflowGraph ForVersion(Guid typeId, DateTime version, string json)
    {
        if (Parsed.TryGetValue((typeId, version), out var graph))
        {
            return graph;
        }
        if (Parsed.Count > 1000)
        {
            Parsed.Clear();
        }
        return Parsed[(typeId, version)] = Parse(json);
    }
}

/// <summary>A workflow type as exported, imported, posted to the API and written in recipes.</summary>
public sealed record WorkflowDefinition
{
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public bool Enabled { get; init; }
    public WorkflowGraph Graph { get; init; } = new();
}
