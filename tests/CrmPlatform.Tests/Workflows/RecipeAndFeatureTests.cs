using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Workflows;

public sealed class RecipeAndFeatureTests(SqliteApp app) : IntegrationTest(app), IClassFixture<SqliteApp>
{
    private static string RecipeJson(string name, string message) => $$"""
        {
          "name": "wf-recipe",
          "steps": [
            { "name": "workflows", "workflows": [ {
                "name": "{{name}}", "enabled": true,
                "graph": {
                  "activities": [
                    { "id": "start", "type": "SampleStatusChanged", "properties": { "Match": "Status = recipe" } },
                    { "id": "log", "type": "Log", "properties": { "Message": "{{message}}" } }
                  ],
                  "transitions": [ { "from": "start", "outcome": "Done", "to": "log" } ]
                } } ] }
          ]
        }
        """;

    private async Task RunAsync(string json)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(RecipeParser.Parse(json), ct: Ct);
    }

    [Fact]
    public async Task The_workflows_recipe_step_is_idempotent_by_name()
    {
        var name = $"recipe-{Guid.NewGuid():N}";
        await RunAsync(RecipeJson(name, "first"));
        await RunAsync(RecipeJson(name, "second {{ Event.Status }}"));

        using var client = await App.ApiClientAsync(UserRole.Admin);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/workflows", Ct);
        var matching = list.EnumerateArray().Where(w => w.GetProperty("name").GetString() == name).ToList();
        var single = Assert.Single(matching);
        var type = await client.GetFromJsonAsync<JsonElement>($"/api/v1/workflows/{single.GetProperty("id").GetGuid()}", Ct);
        Assert.Contains("second", type.GetProperty("graph").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_workflow_in_a_recipe_is_refused_with_the_step_and_reason()
    {
        var ex = await Assert.ThrowsAsync<RecipeException>(() => RunAsync(RecipeJson($"bad-{Guid.NewGuid():N}", "{{ Event.Status ")));
        Assert.Contains(ex.Errors, e => e.StartsWith("Step 1 (workflows):", StringComparison.Ordinal) && e.Contains("invalid Liquid", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_disabled_features_activities_are_hidden_and_do_not_run()
    {
        var id = Guid.NewGuid();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(nameof(SampleStatusChanged), ("Match", $"Id = {id}")).Then("record", "RecordMarker", ("Key", "{{ Event.Id }}")).Build());
        var features = App.Services.GetRequiredService<IFeatureManager>();
        Assert.True((await features.DisableAsync(WorkflowTestModule.ModuleId, Ct)).Succeeded);
        try
        {
            using var client = await App.ApiClientAsync(UserRole.Admin);
            var activities = await client.GetStringAsync("/api/v1/workflows/activities", Ct);
            Assert.DoesNotContain("RecordMarker", activities, StringComparison.Ordinal);
            Assert.DoesNotContain(nameof(SampleStatusChanged), activities, StringComparison.Ordinal);

            await App.RaiseAsync(new SampleStatusChanged(id, "open"));
            Assert.Empty(await App.InstancesOfAsync(type.Id));
            Assert.False(RecordMarkerTask.Records.ContainsKey(id.ToString()));
        }
        finally
        {
            await features.EnableAsync(WorkflowTestModule.ModuleId, ct: Ct);
        }
    }
}
