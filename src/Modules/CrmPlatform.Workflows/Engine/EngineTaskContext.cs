using System.Text.Json.Nodes;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Model;

namespace CrmPlatform.Workflows.Engine;

/// <summary>The engine's view of one activity run, handed to the task.</summary>
internal sealed class EngineTaskContext(
    Guid instanceId, ActivityNode node, ActivityDescriptor descriptor, string? eventName, JsonObject? payload, JsonObject variables,
    IServiceProvider services, CrmDbContext db, IWorkflowExpressions expressions) : WorkflowTaskContext
{
    private readonly List<string> _messages = [];

    public override Guid InstanceId => instanceId;
    public override string ActivityId => node.Id;
    public override string? CorrelationId { get; set; }
    public override JsonObject? Event => payload;
    public override string? EventName => eventName;
    public override JsonObject Variables => variables;
    public override IServiceProvider Services => services;
    public override CrmDbContext Db => db;

    public string? Messages => _messages.Count == 0 ? null : string.Join(Environment.NewLine, _messages);

    public ExpressionScope Scope => new(payload, variables, instanceId, CorrelationId);

    public override string? GetRaw(string property) =>
        node.Properties.TryGetValue(property, out var value) && !string.IsNullOrEmpty(value) ? value : descriptor.Find(property)?.Default;

    public override async Task<string> GetTextAsync(string property, CancellationToken ct = default)
    {
        var raw = GetRaw(property) ?? "";
        return descriptor.Find(property)?.Type == ActivityPropertyType.Liquid ? await expressions.RenderLiquidAsync(raw, Scope, ct: ct) : raw;
    }

    public override object? Evaluate(string property)
    {
        var script = GetRaw(property);
        return string.IsNullOrWhiteSpace(script) ? null : expressions.EvaluateJavaScript(script, Scope);
    }

    public override void Log(string message) => _messages.Add(message);
}
