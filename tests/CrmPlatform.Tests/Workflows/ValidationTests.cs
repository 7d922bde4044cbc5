using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Workflows.Model;

namespace CrmPlatform.Tests.Workflows;

/// <summary>Save-time validation: each bad graph is refused with a message naming the activity, field or transition.</summary>
public sealed class ValidationTests(SqliteApp app) : IntegrationTest(app), IClassFixture<SqliteApp>
{
    private const string Event = nameof(SampleStatusChanged);

    private async Task<IReadOnlyDictionary<string, string[]>> ErrorsOfAsync(WorkflowDefinition definition)
    {
        var result = await App.SaveWorkflowAsync(definition);
        Assert.False(result.Succeeded);
        return result.Errors;
    }

    [Fact]
    public async Task An_unknown_activity_type_is_refused()
    {
        var errors = await ErrorsOfAsync(new WorkflowBuilder(Event).Then("x", "Teleport").Build());
        Assert.Contains("Unknown activity type 'Teleport'", Assert.Single(errors["activities.x.type"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transition_to_an_unknown_activity_or_from_an_unknown_outcome_is_refused()
    {
        var errors = await ErrorsOfAsync(new WorkflowBuilder(Event).Then("log", "Log", ("Message", "hi")).Connect("log", "Done", "ghost").Connect("start", "Maybe", "log").Build());
        Assert.Contains("unknown activity 'ghost'", errors["transitions.1"][0], StringComparison.Ordinal);
        Assert.Contains("has no outcome 'Maybe'", errors["transitions.2"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_without_a_start_event_is_refused()
    {
        var definition = new WorkflowDefinition { Name = "no start", Graph = new WorkflowGraph { Activities = [new ActivityNode { Id = "log", Type = "Log", Properties = { ["Message"] = "hi" } }] } };
        var errors = await ErrorsOfAsync(definition);
        Assert.Contains("no start event", Assert.Single(errors["graph"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cycle_without_a_wait_is_refused_and_one_through_a_timer_is_accepted()
    {
        var loop = new WorkflowBuilder(Event).Then("a", "Log", ("Message", "a")).Then("b", "Log", ("Message", "b")).Connect("b", "Done", "a");
        var errors = await ErrorsOfAsync(loop.Build());
        Assert.Contains("a → b → a", Assert.Single(errors["graph"]), StringComparison.Ordinal);

        var waiting = new WorkflowBuilder(Event).Then("a", "Log", ("Message", "a")).Then("wait", "Delay", ("Duration", "1h")).Connect("wait", "Done", "a");
        Assert.True((await App.SaveWorkflowAsync(waiting.Build())).Succeeded);
    }

    [Fact]
    public async Task Invalid_liquid_is_refused_with_its_position()
    {
        var errors = await ErrorsOfAsync(new WorkflowBuilder(Event).Then("log", "Log", ("Message", "Hello {{ Event.Name ")).Build());
        var message = Assert.Single(errors["activities.log.Message"]);
        Assert.Contains("invalid Liquid", message, StringComparison.Ordinal);
        Assert.Matches(@"\d", message);
    }

    [Fact]
    public async Task Invalid_javascript_is_refused()
    {
        var errors = await ErrorsOfAsync(new WorkflowBuilder(Event).Then("s", "Script", ("Script", "if (x ==) {")).Build());
        Assert.Contains("invalid JavaScript", Assert.Single(errors["activities.s.Script"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_properties_and_bad_values_are_refused()
    {
        var errors = await ErrorsOfAsync(new WorkflowBuilder(Event).Then("mail", "SendEmail", ("To", "a@b.c")).Then("wait", "Delay", ("Duration", "soon")).Then("cron", "Schedule", ("Cron", "every day")).Build());
        Assert.Equal("Subject is required.", Assert.Single(errors["activities.mail.Subject"]));
        Assert.Equal("Body is required.", Assert.Single(errors["activities.mail.Body"]));
        Assert.Contains("must be a duration", Assert.Single(errors["activities.wait.Duration"]), StringComparison.Ordinal);
        Assert.Contains("invalid cron", Assert.Single(errors["activities.cron.Cron"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_for_an_unknown_event_is_refused()
    {
        var errors = await ErrorsOfAsync(new WorkflowBuilder(Event).Then("w", "WaitForEvent", ("Event", "NothingHappened")).Build());
        Assert.Contains("no event named", Assert.Single(errors["activities.w.Event"]), StringComparison.Ordinal);
    }
}
