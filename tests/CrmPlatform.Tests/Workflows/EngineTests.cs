using System.Net.Http.Json;
using CrmPlatform.Core.Events;
using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Workflows.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Workflows;

public abstract class EngineTests(CrmApp app) : IntegrationTest(app)
{
    private const string Event = nameof(SampleStatusChanged);

    [Fact]
    public async Task An_event_starts_a_workflow_that_runs_a_script_sets_a_variable_logs_and_finishes()
    {
        var id = Guid.NewGuid();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(Event, ("Match", $"Id = {id}"))
            .Then("script", "Script", ("Script", "setVariable('doubled', Event.Status.length * 2)"))
            .Then("set", "SetVariable", ("Name", "greeting"), ("Value", "Hello {{ Event.Status }} {{ Variables.doubled }}"))
            .Then("log", "Log", ("Message", "Said {{ Variables.greeting }}"))
            .Then("record", "RecordMarker", ("Key", "{{ Event.Id }}"), ("Marker", "{{ Variables.greeting }}"))
            .Build());

        await App.RaiseAsync(new SampleStatusChanged(id, "open"));

        var instance = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("finished", instance.Instance.Status);
        Assert.Equal("Hello open 8", instance.Variables["greeting"]!.GetValue<string>());
        Assert.Equal(["start", "script", "set", "log", "record"], instance.Log.Select(l => l.ActivityId));
        Assert.Contains(instance.Log, l => l.Message == "Said Hello open 8");
        Assert.Equal(["Hello open 8"], RecordMarkerTask.Records[id.ToString()]);
    }

    [Fact]
    public async Task A_run_whose_lease_another_node_took_over_commits_nothing()
    {
        // A new instance's first run commits with its start (no other node can see it yet), so the take-over is
        // played on a run that resumes a saved, waiting instance.
        var id = Guid.NewGuid();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(Event, ("Match", $"Id = {id}\nStatus = open"), ("Correlation", "{{ Event.Id }}"))
            .Then("wait", "WaitForEvent", ("Event", Event), ("Correlation", "{{ Event.Id }}"))
            .Then("takeover", "TakeOverLease")
            .Then("set", "SetVariable", ("Name", "done"), ("Value", "yes"))
            .Build());

        await App.RaiseAsync(new SampleStatusChanged(id, "open"));
        var waiting = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("waiting", waiting.Instance.Status);
        var logBefore = waiting.Log.Count;
        await App.RaiseAsync(new SampleStatusChanged(id, "won"));

        // The stale run's end state, log and variables were discarded: the instance is as the other node found it.
        var instance = await App.WithDbAsync(db => db.Set<CrmPlatform.Workflows.Data.WorkflowInstance>().AsNoTracking().SingleAsync(i => i.WorkflowTypeId == type.Id, Ct));
        Assert.Equal(CrmPlatform.Workflows.Data.WorkflowStatus.Running, instance.Status);
        Assert.Equal(TakeOverLeaseTask.OtherNode, instance.LockedBy);
        Assert.Equal(logBefore, instance.LogCount);
        Assert.DoesNotContain("done", instance.Variables, StringComparison.Ordinal);
        Assert.Equal(logBefore, await App.WithDbAsync(db => db.Set<CrmPlatform.Workflows.Data.WorkflowExecutionLogEntry>().CountAsync(l => l.InstanceId == instance.Id, Ct)));

        // The other node's run is not disturbed (stop the instance so no timer tick picks it up later).
        await App.WithDbAsync(db => db.Set<CrmPlatform.Workflows.Data.WorkflowInstance>().Where(i => i.Id == instance.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, CrmPlatform.Workflows.Data.WorkflowStatus.Cancelled).SetProperty(i => i.LockedBy, (string?)null).SetProperty(i => i.LockedUntil, (DateTime?)null), Ct));
    }

    [Fact]
    public async Task A_filter_excludes_events_that_do_not_match()
    {
        var id = Guid.NewGuid();
        var byField = await App.CreateWorkflowAsync(new WorkflowBuilder(Event, ("Match", $"Id = {id}\nStatus = closed_won")).Build());
        var byScript = await App.CreateWorkflowAsync(new WorkflowBuilder(Event, ("Condition", $"Event.Id == '{id}' && Event.Note == 'vip'")).Build());

        await App.RaiseAsync(new SampleStatusChanged(id, "open"), new SampleStatusChanged(Guid.NewGuid(), "closed_won", "vip"));
        Assert.Empty(await App.InstancesOfAsync(byField.Id));
        Assert.Empty(await App.InstancesOfAsync(byScript.Id));

        await App.RaiseAsync(new SampleStatusChanged(id, "closed_won", "vip"));
        Assert.Single(await App.InstancesOfAsync(byField.Id));
        Assert.Single(await App.InstancesOfAsync(byScript.Id));
    }

    [Fact]
    public async Task An_event_delivered_twice_starts_one_instance()
    {
        var id = Guid.NewGuid();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(Event, ("Match", $"Id = {id}")).Then("record", "RecordMarker", ("Key", "{{ Event.Id }}")).Build());
        var context = new DomainEventContext(Guid.CreateVersion7(), Event, DateTime.UtcNow, 1);
        var domainEvent = new SampleStatusChanged(id, "open");

        // Two deliveries of the same outbox row, concurrently and then once more, as after a crash before the row was marked done.
        await Task.WhenAll(DeliverAsync(domainEvent, context), DeliverAsync(domainEvent, context));
        await DeliverAsync(domainEvent, context with { Attempt = 2 });

        Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Single(RecordMarkerTask.Records[id.ToString()]);
    }

    private async Task DeliverAsync(IDomainEvent domainEvent, DomainEventContext context)
    {
        await using var scope = App.Services.CreateAsyncScope();
        foreach (var subscriber in scope.ServiceProvider.GetServices<IDomainEventSubscriber>())
        {
            try
            {
                await subscriber.HandleAsync(domainEvent, context, Ct);
            }
            catch (InvalidOperationException)
            {
                // A busy instance asks for redelivery; the test delivers again itself.
            }
        }
    }

    [Fact]
    public async Task A_faulting_script_faults_only_its_instance_and_the_others_finish()
    {
        var id = Guid.NewGuid();
        var bad = await App.CreateWorkflowAsync(new WorkflowBuilder(Event, ("Match", $"Id = {id}")).Then("boom", "Script", ("Script", "throw new Error('boom ' + Event.Status)")).Build());
        var good = await App.CreateWorkflowAsync(new WorkflowBuilder(Event, ("Match", $"Id = {id}")).Then("record", "RecordMarker", ("Key", "{{ Event.Id }}"), ("Marker", "ok")).Build());

        await App.RaiseAsync(new SampleStatusChanged(id, "open"), new SampleStatusChanged(id, "again"));

        var faulted = await App.InstancesOfAsync(bad.Id);
        Assert.Equal(2, faulted.Count);
        Assert.All(faulted, i => Assert.Equal("faulted", i.Instance.Status));
        Assert.Contains(faulted, i => i.Instance.FaultMessage!.Contains("boom open", StringComparison.Ordinal));
        Assert.All(await App.InstancesOfAsync(good.Id), i => Assert.Equal("finished", i.Instance.Status));
        Assert.Equal(2, RecordMarkerTask.Records[id.ToString()].Count);
    }

    [Fact]
    public async Task A_script_that_loops_forever_faults_its_instance_with_the_reason_within_the_limit()
    {
        var id = Guid.NewGuid();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(Event, ("Match", $"Id = {id}")).Then("loop", "Script", ("Script", "var i = 0; while (true) { i++; }")).Build());
        var started = DateTime.UtcNow;

        await App.RaiseAsync(new SampleStatusChanged(id, "open"));

        var instance = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("faulted", instance.Instance.Status);
        Assert.Contains("was stopped", instance.Instance.FaultMessage, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_faulted_instance_can_be_retried_after_the_workflow_is_fixed()
    {
        var id = Guid.NewGuid();
        var builder = new WorkflowBuilder(Event, ("Match", $"Id = {id}")).Then("check", "Script", ("Script", "if (!Variables.fixed) throw new Error('not yet')"));
        var definition = builder.Build();
        var type = await App.CreateWorkflowAsync(definition);
        await App.RaiseAsync(new SampleStatusChanged(id, "open"));
        var faulted = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("faulted", faulted.Instance.Status);

        definition.Graph.Activities[1].Properties["Script"] = "setVariable('fixed', true)";
        await using (var scope = App.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<WorkflowTypes>().SaveAsync(type.Id, definition, Ct)).Succeeded);
        }
        using var client = await App.ApiClientAsync(Core.Users.UserRole.Admin);
        var response = await client.PostAsync($"/api/v1/workflows/instances/{faulted.Instance.Id}/retry", null, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

        var retried = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("finished", retried.Instance.Status);
        Assert.Null(retried.Instance.FaultMessage);
        Assert.Equal(2, retried.Log.Count(l => l.ActivityId == "check"));
    }

    [Fact]
    public async Task A_waiting_instance_resumes_only_on_an_event_with_its_correlation()
    {
        var id = Guid.NewGuid();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(Event, ("Match", $"Id = {id}\nStatus = open"), ("Correlation", "{{ Event.Id }}"))
            .Then("wait", "WaitForEvent", ("Event", Event), ("Correlation", "{{ Event.Id }}"))
            .Then("switch", "Switch", ("Expression", "Event.Status"), ("Cases", "won\nlost"))
            .Then("won", "won", "RecordMarker", ("Key", "{{ Workflow.CorrelationId }}"), ("Marker", "won"))
            .Build());

        await App.RaiseAsync(new SampleStatusChanged(id, "open"));
        var waiting = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("waiting", waiting.Instance.Status);
        Assert.Equal(id.ToString(), waiting.Instance.CorrelationId);

        await App.RaiseAsync(new SampleStatusChanged(Guid.NewGuid(), "won"));
        Assert.Equal("waiting", Assert.Single(await App.InstancesOfAsync(type.Id)).Instance.Status);

        await App.RaiseAsync(new SampleStatusChanged(id, "won"));
        Assert.Equal("finished", Assert.Single(await App.InstancesOfAsync(type.Id)).Instance.Status);
        Assert.Equal(["won"], RecordMarkerTask.Records[id.ToString()]);
    }

    [Fact]
    public async Task A_fork_runs_both_branches_and_the_join_continues_once()
    {
        var id = Guid.NewGuid();
        var definition = new WorkflowBuilder(Event, ("Match", $"Id = {id}"))
            .Then("fork", "Fork", ("Branches", "A\nB"))
            .Add("a", "SetVariable", ("Name", "a"), ("Value", "1"))
            .Add("b", "SetVariable", ("Name", "b"), ("Value", "2"))
            .Add("join", "Join", ("Mode", "all"))
            .Add("record", "RecordMarker", ("Key", "{{ Event.Id }}"), ("Marker", "{{ Variables.a }}{{ Variables.b }}"))
            .Connect("fork", "A", "a").Connect("fork", "B", "b").Connect("a", "Done", "join").Connect("b", "Done", "join").Connect("join", "Done", "record")
            .Build();
        var type = await App.CreateWorkflowAsync(definition);

        await App.RaiseAsync(new SampleStatusChanged(id, "open"));

        Assert.Equal("finished", Assert.Single(await App.InstancesOfAsync(type.Id)).Instance.Status);
        Assert.Equal(["12"], RecordMarkerTask.Records[id.ToString()]);
    }

    [Fact]
    public async Task A_manual_trigger_through_the_api_runs_with_input_variables()
    {
        var key = Guid.NewGuid().ToString();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder("ManualTrigger").Then("record", "RecordMarker", ("Key", "{{ Variables.key }}"), ("Marker", "manual")).Build());
        using var client = await App.ApiClientAsync(Core.Users.UserRole.Admin);

        var response = await client.PostAsync($"/api/v1/workflows/{type.Id}/trigger", JsonContent.Create(new { variables = new { key } }), Ct);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["manual"], RecordMarkerTask.Records[key]);
    }
}

public sealed class EngineTestsOnSqlite(SqliteApp app) : EngineTests(app), IClassFixture<SqliteApp>;

public sealed class EngineTestsOnPostgres(PostgresApp app) : EngineTests(app), IClassFixture<PostgresApp>;
