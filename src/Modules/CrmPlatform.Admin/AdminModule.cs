using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Admin;

/// <summary>
/// The admin shell: the setup screen, the dashboard, and the kernel's own screens (features, recipes, settings,
/// audit log) with their API. Always on.
/// </summary>
public sealed class AdminModule : ModuleStartup
{
    public override string Id => "CrmPlatform.Admin";
    public override string Name => "Admin";
    public override string Category => "Platform";
    public override string Description => "Setup, dashboard, features, recipes, settings and the audit log.";
    public override bool AlwaysEnabled => true;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddNavigationProvider<AdminMenu>().AddSingleton<FeatureQueries>().AddScoped<AuditLogQuery>();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => PlatformApi.Map(endpoints);
}

internal sealed class AdminMenu : INavigationProvider
{
    public void Build(NavigationBuilder menu) => menu
        .Add("Dashboard", "/admin", CorePermissions.AccessAdmin, position: 0, icon: "bi-speedometer2")
        .Add("Features", "/admin/features", CorePermissions.ManageFeatures, "Configuration", 900, "bi-toggles")
        .Add("Recipes", "/admin/recipes", CorePermissions.RunRecipes, "Configuration", 910, "bi-journal-code")
        .Add("Settings", "/admin/settings", CorePermissions.ManageSettings, "Configuration", 920, "bi-gear")
        .Add("Audit log", "/admin/audit-log", CorePermissions.ViewAuditLog, "Configuration", 930, "bi-clock-history");
}
