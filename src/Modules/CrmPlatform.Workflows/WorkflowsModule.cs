using CrmPlatform.Core.Events;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Activities;
using CrmPlatform.Workflows.Api;
using CrmPlatform.Workflows.Engine;
using CrmPlatform.Workflows.Expressions;
using CrmPlatform.Workflows.Features;
using CrmPlatform.Workflows.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Workflows;

/// <summary>Workflow types and instances, the engine that runs them on domain events and timers, the editor and the built-in activities.</summary>
public sealed class WorkflowsModule : ModuleStartup
{
    public const string ModuleId = "CrmPlatform.Workflows";

    public override string Id => ModuleId;
    public override string Name => "Workflows";
    public override string Category => "Automation";
    public override string Description => "Event-driven automation: start events, tasks and outcomes, timers, an editor and instance logs.";
    public override IEnumerable<Permission> Permissions => WorkflowsPermissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavigationProvider<WorkflowsMenu>();
        services.AddRecipeStep<WorkflowsStep>();
        services.AddSingleton<IWorkflowExpressions, WorkflowExpressions>();
        services.AddSingleton<ActivityCatalog>();
        services.AddScoped<ActivityLibrary>();
        services.AddScoped<Core.Contacts.IContactDataParticipant, Privacy.WorkflowDataParticipant>();
        services.AddScoped<GraphValidator>();
        services.AddScoped<WorkflowTypes>();
        services.AddScoped<WorkflowInstances>();
        services.AddScoped<NotificationQueries>();
        services.AddScoped<WorkflowEditor>();
        services.AddSingleton<WorkflowRunner>();
        services.AddSingleton<StartTypeCache>();
        services.AddScoped<WorkflowStarter>();
        services.AddScoped<IDomainEventSubscriber>(sp => sp.GetRequiredService<WorkflowStarter>());
        services.AddSingleton<WorkflowTimerWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowTimerWorker>());
        services.AddHttpClient(HttpRequestTask.ClientName).ConfigurePrimaryHttpMessageHandler(HttpRequestTask.CreateHandler);

        services.AddWorkflowTask<IfElseTask>();
        services.AddWorkflowTask<SwitchTask>();
        services.AddWorkflowTask<ScriptTask>();
        services.AddWorkflowTask<SetVariableTask>();
        services.AddWorkflowTask<ForkTask>();
        services.AddWorkflowTask<JoinTask>();
        services.AddWorkflowTask<WaitForEventTask>();
        services.AddWorkflowTask<LogTask>();
        services.AddWorkflowTask<DelayTask>();
        services.AddWorkflowTask<WaitUntilTask>();
        services.AddWorkflowTask<ScheduleTask>();
        services.AddWorkflowTask<NotifyUserTask>();
        services.AddWorkflowTask<SendEmailTask>();
        services.AddWorkflowTask<HttpRequestTask>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => WorkflowsApi.Map(endpoints);
}

internal sealed class WorkflowsMenu : INavigationProvider
{
    public void Build(NavigationBuilder menu) => menu
        .Add("Workflows", "/admin/workflows", WorkflowsPermissions.Manage, "Automation", 600, "bi-diagram-3")
        .Add("Workflow instances", "/admin/workflows/instances", WorkflowsPermissions.ViewInstances, "Automation", 610, "bi-list-check")
        .Add("Notifications", "/admin/workflows/notifications", CorePermissions.AccessAdmin, "Automation", 620, "bi-bell");
}
