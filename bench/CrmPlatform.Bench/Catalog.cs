using CrmPlatform.Bench.Generation;
using CrmPlatform.Bench.Scenarios;

namespace CrmPlatform.Bench;

/// <summary>Every generator and scenario; a module's benchmark adds its own lines here.</summary>
internal static class Catalog
{
    public static IReadOnlyList<IDataGenerator> Generators { get; } =
    [
        new UsersGenerator(),
        new ContactsGenerator(),
        new AssessmentsGenerator(),
        new TrackersGenerator(),
        new QuestionnairesGenerator(),
        new CampaignsGenerator(),
    ];

    public static IReadOnlyList<IScenario> Scenarios { get; } =
    [
        new ColdStartScenario(),
        new HealthScenario(),
        new MeScenario(),
        .. ContactsListScenario.All(),
        new ContactPageScenario(),
        new ContactImportScenario(),
        new AssessmentSubmitScenario(),
        new AssessmentResponsesListScenario(),
        .. TrackersScenarios.All(),
        .. QuestionnairesScenarios.All(),
        new WorkflowEventsScenario(),
        .. MarketingScenarios.All(),
    ];
}
