using System.Collections.Concurrent;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Infrastructure;

/// <summary>
/// A module that exists only in the test host (found like any other, by assembly scan): it lets kernel tests switch a
/// feature off and on, check dependencies and deliver events without depending on a business module.
/// </summary>
public sealed class SampleModule : ModuleStartup
{
    public const string ModuleId = "CrmPlatform.Tests.Samples";
    public static readonly Permission ViewSamples = new("Samples.View", "See samples", UserRole.InternalStaff);

    public override string Id => ModuleId;
    public override string Name => "Samples (tests)";
    public override string Category => "Tests";
    public override IEnumerable<Permission> Permissions => [ViewSamples];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavigationProvider<SampleMenu>();
        services.AddDomainEvent<SamplePinged>(ModuleId, "Sample pinged", "Raised by kernel tests.");
        services.AddScoped<IDomainEventHandler<SamplePinged>, SamplePingedHandler>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/samples/ping", () => TypedResults.Ok(new { pong = true })).RequireAuthorization(ViewSamples.Name);

    private sealed class SampleMenu : INavigationProvider
    {
        public void Build(NavigationBuilder menu) => menu.Add("Samples", "/api/v1/samples/ping", ViewSamples, "Tests");
    }
}

/// <summary>Depends on <see cref="SampleModule"/>, to test dependency checks both ways.</summary>
public sealed class SampleDependentModule : ModuleStartup
{
    public const string ModuleId = "CrmPlatform.Tests.SamplesDependent";

    public override string Id => ModuleId;
    public override string Name => "Samples dependent (tests)";
    public override string Category => "Tests";
    public override bool EnabledByDefault => false;
    public override IReadOnlyList<string> Dependencies => [SampleModule.ModuleId];
}

public sealed record SamplePinged(Guid Marker, int FailTimes, bool TakenOverDuringDelivery = false) : IDomainEvent;

/// <summary>Records deliveries; fails the first <see cref="SamplePinged.FailTimes"/> attempts.</summary>
internal sealed class SamplePingedHandler(CrmPlatform.Core.Data.CrmDbContext db) : IDomainEventHandler<SamplePinged>
{
    public const string OtherNode = "other-node:1:test";

    public static readonly ConcurrentDictionary<Guid, int> Deliveries = new();

    public async Task HandleAsync(SamplePinged domainEvent, DomainEventContext context, CancellationToken ct)
    {
        if (domainEvent.TakenOverDuringDelivery)
        {
            // Plays another node claiming the row because this node's lease ran out while it was delivering.
            await db.Outbox.Where(m => m.Id == context.EventId).ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, OtherNode), ct);
        }
        if (context.Attempt <= domainEvent.FailTimes)
        {
            throw new InvalidOperationException($"Failing attempt {context.Attempt} on purpose.");
        }
        Deliveries.AddOrUpdate(domainEvent.Marker, 1, (_, n) => n + 1);
    }
}
