using CrmPlatform.Core.Api;
using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Workflows.Features;
using CrmPlatform.Workflows.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Workflows;

/// <summary>Builds workflow definitions fluently: the first activity is the start event, each next one follows the previous one's outcome.</summary>
internal sealed class WorkflowBuilder
{
    private readonly List<ActivityNode> _activities = [];
    private readonly List<Transition> _transitions = [];

    public WorkflowBuilder(string startEvent, params (string Key, string Value)[] properties) => Add("start", startEvent, properties);

    public WorkflowBuilder Add(string id, string type, params (string Key, string Value)[] properties)
    {
        _activities.Add(new ActivityNode { Id = id, Type = type, Properties = properties.ToDictionary(p => p.Key, p => p.Value), X = _activities.Count * 200 });
        return this;
    }

    public WorkflowBuilder Connect(string from, string outcome, string to)
    {
        _transitions.Add(new Transition(from, outcome, to));
        return this;
    }

    /// <summary>Adds an activity connected from the last added one's <paramref name="outcome"/>.</summary>
    public WorkflowBuilder Then(string id, string type, params (string Key, string Value)[] properties) => Then("Done", id, type, properties);

    public WorkflowBuilder Then(string outcome, string id, string type, params (string Key, string Value)[] properties)
    {
        var previous = _activities[^1].Id;
        Add(id, type, properties);
        return Connect(previous, outcome, id);
    }

    public WorkflowDefinition Build(string? name = null, bool enabled = true) => new()
    {
        Name = name ?? $"wf-{Guid.NewGuid():N}",
        Enabled = enabled,
        Graph = new WorkflowGraph { Activities = [.. _activities], Transitions = [.. _transitions] },
    };
}

internal static class WorkflowAppExtensions
{
    public static async Task<Result<WorkflowTypeDto>> SaveWorkflowAsync(this CrmApp app, WorkflowDefinition definition)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowTypes>().SaveAsync(null, definition, default);
    }

    public static async Task<WorkflowTypeDto> CreateWorkflowAsync(this CrmApp app, WorkflowDefinition definition)
    {
        var result = await app.SaveWorkflowAsync(definition);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))));
        return result.Value!;
    }

    public static async Task<IReadOnlyList<InstanceDetails>> InstancesOfAsync(this CrmApp app, Guid typeId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var instances = scope.ServiceProvider.GetRequiredService<WorkflowInstances>();
        var page = await instances.SearchAsync(new InstanceFilter { Type = typeId, Limit = 200 }, default);
        var result = new List<InstanceDetails>();
        foreach (var summary in page.Value!.Items)
        {
            result.Add((await instances.GetAsync(summary.Id, default))!);
        }
        return result;
    }

    public static async Task RaiseAsync(this CrmApp app, params CrmPlatform.Core.Events.IDomainEvent[] events)
    {
        await app.WithDbAsync(async db =>
        {
            foreach (var e in events)
            {
                db.Raise(e);
            }
            await db.SaveChangesAsync();
        });
        await app.DrainEventsAsync();
    }
}
