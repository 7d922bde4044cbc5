using System.Collections.Concurrent;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Workflows;

/// <summary>
/// A test-only module contributing an event and a task the way business modules do (through the kernel's
/// abstractions only), so the engine is exercised without the business modules.
/// </summary>
public sealed class WorkflowTestModule : ModuleStartup
{
    public const string ModuleId = "CrmPlatform.Tests.WorkflowSamples";

    public override string Id => ModuleId;
    public override string Name => "Workflow samples (tests)";
    public override string Category => "Tests";

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDomainEvent<SampleStatusChanged>(ModuleId, "Sample status changed", "Raised by workflow tests.");
        services.AddWorkflowTask<RecordMarkerTask>();
        services.AddWorkflowTask<TakeOverLeaseTask>();
    }
}

public sealed record SampleStatusChanged(Guid Id, string Status, string? Note = null) : IDomainEvent;

/// <summary>A module task: records its rendered Marker property, keyed by the event's id.</summary>
internal sealed class RecordMarkerTask : IWorkflowTask
{
    public static readonly ConcurrentDictionary<string, ConcurrentBag<string>> Records = new();

    public ActivityDescriptor Descriptor { get; } = new("RecordMarker", "Record a marker", "Tests", WorkflowTestModule.ModuleId, ActivityKind.Task)
    {
        Properties = [new("Key", "Key", ActivityPropertyType.Liquid, Required: true), new("Marker", "Marker", ActivityPropertyType.Liquid)],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var key = await context.GetTextAsync("Key", ct);
        Records.GetOrAdd(key, _ => []).Add(await context.GetTextAsync("Marker", ct));
        return ActivityResult.Done();
    }
}

/// <summary>Plays another node taking the running instance over (its lease ran out here): writes that node's lease on the row.</summary>
internal sealed class TakeOverLeaseTask : IWorkflowTask
{
    public const string OtherNode = "other-node:1:test";

    public ActivityDescriptor Descriptor { get; } = new("TakeOverLease", "Take over the lease", "Tests", WorkflowTestModule.ModuleId, ActivityKind.Task);

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        await context.Db.Set<CrmPlatform.Workflows.Data.WorkflowInstance>().Where(i => i.Id == context.InstanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LockedBy, OtherNode), ct);
        return ActivityResult.Done();
    }
}
