using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Infrastructure;

/// <summary>
/// A module that exists only in the test host (found like any other, by assembly scan): it lets kernel tests switch a
/// feature off and on without depending on a business module.
/// </summary>
public sealed class SampleModule : ModuleStartup
{
    public static readonly Permission ViewSamples = new("Samples.View", "See samples", UserRole.InternalStaff);

    public override string Id => "CrmPlatform.Tests.Samples";
    public override string Name => "Samples (tests)";
    public override string Category => "Tests";
    public override IEnumerable<Permission> Permissions => [ViewSamples];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddNavigationProvider<SampleMenu>();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/samples/ping", () => TypedResults.Ok(new { pong = true })).RequireAuthorization(ViewSamples.Name);

    private sealed class SampleMenu : INavigationProvider
    {
        public void Build(NavigationBuilder menu) => menu.Add("Samples", "/api/v1/samples/ping", ViewSamples, "Tests");
    }
}
