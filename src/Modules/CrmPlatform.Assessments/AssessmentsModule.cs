using CrmPlatform.Assessments.Api;
using CrmPlatform.Assessments.Features;
using CrmPlatform.Assessments.Recipes;
using CrmPlatform.Assessments.Workflows;
using CrmPlatform.Contacts;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Display;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Navigation;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Workflows;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Assessments;

/// <summary>Assessments: builder, configurable scoring, public forms, grading, results on the contact.</summary>
public sealed class AssessmentsModule : ModuleStartup
{
    public const string ModuleId = "CrmPlatform.Assessments";

    public override string Id => ModuleId;
    public override string Name => "Assessments";
    public override string Category => "CRM";
    public override string Description => "Scored assessments with public forms, grading, results and the contact's personality profile.";
    public override IReadOnlyList<string> Dependencies => [ContactsModule.ModuleId];
    public override IEnumerable<Permission> Permissions => AssessmentsPermissions.All;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavigationProvider<AssessmentsMenu>();
        services.AddDisplayPart<AssessmentResultsPart>();
        services.AddRecipeStep<AssessmentsStep>();
        services.AddDomainEvent<AssessmentSubmitted>(ModuleId, "Assessment submitted", "A contact submitted an assessment; carries the result.");
        services.AddDomainEvent<AssessmentGraded>(ModuleId, "Assessment graded", "Staff graded a subjective answer; carries the recomputed result.");
        services.AddSingleton<AssessmentDefinitions>();
        services.AddScoped<SubmitResponse>();
        services.AddScoped<AssessmentQueries>();
        services.AddScoped<AssessmentCommands>();
        services.AddScoped<QuestionCommands>();
        services.AddScoped<ResponseQueries>();
        services.AddScoped<ResponseExport>();
        services.AddScoped<Grading>();
        services.AddScoped<ScoringTester>();
        services.AddScoped<LeadAssessments>();
        services.AddSingleton<ResultLinks>();
        services.AddScoped<IContactMergeParticipant, ResponseMergeParticipant>();
        // The setup recipe's default workflow runs it on AssessmentSubmitted and AssessmentGraded.
        services.AddWorkflowTask<UpdateContactProfileTask>();
        services.AddScoped<IContactDataParticipant, ResponseDataParticipant>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        AssessmentsApi.Map(endpoints);
        PublicAssessmentsApi.Map(endpoints);
    }
}

internal sealed class AssessmentsMenu : INavigationProvider
{
    public void Build(NavigationBuilder menu) => menu
        .Add("Assessments", "/admin/assessments", AssessmentsPermissions.Manage, "Assessments", 300, "bi-clipboard-check")
        .Add("Grading", "/admin/assessments/grading", AssessmentsPermissions.Grade, "Assessments", 310, "bi-pencil-square");
}

/// <summary>The contact page's "Assessment results" block.</summary>
internal sealed class AssessmentResultsPart : IDisplayPart
{
    public string Target => DisplayTargets.Contact;
    public string Title => "Assessment results";
    public int Position => 300;
    public Permission? Permission => AssessmentsPermissions.ViewResponses;
    public Type ViewComponent => typeof(Pages.Shared.Components.AssessmentResultsPart.AssessmentResultsPartViewComponent);
}
