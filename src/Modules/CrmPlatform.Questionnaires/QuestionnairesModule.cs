using CrmPlatform.Contacts;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Display;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using CrmPlatform.Questionnaires.Api;
using CrmPlatform.Questionnaires.Features;
using CrmPlatform.Questionnaires.Recipes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Questionnaires;

/// <summary>Questionnaires: survey builder, public and lead forms, responses with summaries and export, contact part.</summary>
public sealed class QuestionnairesModule : ModuleStartup
{
    public const string ModuleId = "CrmPlatform.Questionnaires";

    public override string Id => ModuleId;
    public override string Name => "Questionnaires";
    public override string Category => "CRM";
    public override string Description => "Surveys with public and lead forms, response summaries with charts, CSV export and the contact's responses.";
    public override IReadOnlyList<string> Dependencies => [ContactsModule.ModuleId];
    public override IEnumerable<Permission> Permissions => QuestionnairesPermissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavigationProvider<QuestionnairesMenu>();
        services.AddDisplayPart<QuestionnaireResponsesPart>();
        services.AddRecipeStep<QuestionnairesStep>();
        services.AddDomainEvent<QuestionnaireSubmitted>(ModuleId, "Questionnaire submitted", "A contact submitted a questionnaire; carries a summary of the answers.");
        services.AddSingleton<QuestionnaireDefinitions>();
        services.AddScoped<QuestionnaireQueries>();
        services.AddScoped<QuestionnaireCommands>();
        services.AddScoped<QuestionCommands>();
        services.AddScoped<SubmitResponse>();
        services.AddScoped<ResponseQueries>();
        services.AddScoped<ResponseSummaries>();
        services.AddScoped<ResponseExport>();
        services.AddScoped<LeadQuestionnaires>();
        services.AddScoped<IContactMergeParticipant, ResponseMergeParticipant>();
        services.AddScoped<IContactDataParticipant, ResponseDataParticipant>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        QuestionnairesApi.Map(endpoints);
        PublicQuestionnairesApi.Map(endpoints);
    }
}

internal sealed class QuestionnairesMenu : INavigationProvider
{
    public void Build(NavigationBuilder menu) => menu
        .Add("Questionnaires", "/admin/questionnaires", QuestionnairesPermissions.Manage, "Questionnaires", 320, "bi-ui-checks");
}

/// <summary>The contact page's "Questionnaire responses" block.</summary>
internal sealed class QuestionnaireResponsesPart : IDisplayPart
{
    public string Target => DisplayTargets.Contact;
    public string Title => "Questionnaire responses";
    public int Position => 320;
    public Permission? Permission => QuestionnairesPermissions.ViewResponses;
    public Type ViewComponent => typeof(Pages.Shared.Components.QuestionnaireResponsesPart.QuestionnaireResponsesPartViewComponent);
}
