using CrmPlatform.Contacts;
using CrmPlatform.CrmTrackers.Api;
using CrmPlatform.CrmTrackers.Features;
using CrmPlatform.CrmTrackers.Parts;
using CrmPlatform.CrmTrackers.Recipes;
using CrmPlatform.CrmTrackers.Workflows;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Workflows;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.CrmTrackers;

/// <summary>Trackers with custom fields, leads and their notes, the pipeline board and reports.</summary>
public sealed class CrmTrackersModule : ModuleStartup
{
    public const string ModuleId = "CrmPlatform.CrmTrackers";

    public override string Id => ModuleId;
    public override string Name => "CRM trackers";
    public override string Category => "CRM";
    public override string Description => "Pipelines with custom fields, leads, notes, a board per tracker and reports.";
    public override IReadOnlyList<string> Dependencies => [ContactsModule.ModuleId];
    public override IEnumerable<Permission> Permissions => CrmTrackersPermissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavigationProvider<CrmTrackersMenu>();
        services.AddScoped<LeadAccess>().AddScoped<Trackers>().AddScoped<Fields>().AddScoped<LeadWriter>().AddScoped<LeadActions>()
            .AddScoped<LeadSearch>().AddScoped<LeadDetailsQuery>().AddScoped<LeadNotes>().AddScoped<LeadExport>()
            .AddScoped<Board>().AddScoped<Reports>().AddScoped<LeadPickers>();
        services.AddSingleton<IContactScope, AssignedLeadsContactScope>();
        services.AddSingleton<IContactMergeParticipant, LeadsMergeParticipant>();
        services.AddSingleton<IContactDataParticipant, LeadsDataParticipant>();
        services.AddDisplayPart<ContactLeadsPart>();
        services.AddDisplayPart<PipelineDashboardPart>();
        services.AddRecipeStep<TrackersStep>();
        services.AddRecipeStep<LeadsStep>();
        services.AddDomainEvent<LeadCreated>(ModuleId, "Lead created", "A lead was created.");
        services.AddDomainEvent<LeadStatusChanged>(ModuleId, "Lead status changed", "A lead moved to another status (old and new status).");
        services.AddDomainEvent<LeadAssigned>(ModuleId, "Lead assigned", "A lead was assigned to a user (or unassigned).");
        services.AddWorkflowTask<CreateLeadTask>();
        services.AddWorkflowTask<SetLeadStatusTask>();
        services.AddWorkflowTask<AssignLeadTask>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        TrackersApi.Map(endpoints);
        LeadsApi.Map(endpoints);
    }
}

internal sealed class CrmTrackersMenu : INavigationProvider
{
    public void Build(NavigationBuilder menu) => menu
        .Add("Pipelines", "/admin/trackers", CrmTrackersPermissions.View, "CRM", 300, "bi-kanban");
}
