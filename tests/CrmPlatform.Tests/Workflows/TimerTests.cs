using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Workflows.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CrmPlatform.Tests.Workflows;

/// <summary>A host whose clock the test moves.</summary>
public sealed class FakeClockSqliteApp : SqliteApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class FakeClockPostgresApp : PostgresApp
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public abstract class TimerTests(CrmApp app, FakeTimeProvider clock) : IntegrationTest(app)
{
    [Fact]
    public async Task A_timer_resumes_the_instance_after_its_delay()
    {
        var id = Guid.NewGuid();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(nameof(SampleStatusChanged), ("Match", $"Id = {id}"))
            .Then("wait", "Delay", ("Duration", "1h"))
            .Then("record", "RecordMarker", ("Key", "{{ Event.Id }}"), ("Marker", "after"))
            .Build());
        await App.RaiseAsync(new SampleStatusChanged(id, "open"));
        Assert.Equal("waiting", Assert.Single(await App.InstancesOfAsync(type.Id)).Instance.Status);

        clock.Advance(TimeSpan.FromMinutes(59));
        await App.Services.GetRequiredService<WorkflowTimerWorker>().TickAsync(Ct);
        Assert.Equal("waiting", Assert.Single(await App.InstancesOfAsync(type.Id)).Instance.Status);

        clock.Advance(TimeSpan.FromMinutes(2));
        await App.Services.GetRequiredService<WorkflowTimerWorker>().TickAsync(Ct);
        Assert.Equal("finished", Assert.Single(await App.InstancesOfAsync(type.Id)).Instance.Status);
        Assert.Equal(["after"], RecordMarkerTask.Records[id.ToString()]);
    }

    [Fact]
    public async Task A_timer_start_event_starts_the_workflow_once_per_occurrence()
    {
        var key = Guid.NewGuid().ToString();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder("Timer", ("Cron", "*/5 * * * *")).Then("record", "RecordMarker", ("Key", key), ("Marker", "tick")).Build());

        clock.Advance(TimeSpan.FromMinutes(5));
        var worker = App.Services.GetRequiredService<WorkflowTimerWorker>();
        await Task.WhenAll(worker.TickAsync(Ct), worker.TickAsync(Ct));
        await worker.TickAsync(Ct);

        Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal(["tick"], RecordMarkerTask.Records[key]);
    }

    [Fact]
    public async Task A_timer_start_event_starts_again_at_each_later_occurrence()
    {
        var key = Guid.NewGuid().ToString();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder("Timer", ("Cron", "*/5 * * * *")).Then("record", "RecordMarker", ("Key", key), ("Marker", "tick")).Build());
        var worker = App.Services.GetRequiredService<WorkflowTimerWorker>();

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            await worker.TickAsync(Ct);
            await worker.TickAsync(Ct);
        }

        Assert.Equal(3, (await App.InstancesOfAsync(type.Id)).Count);
        Assert.Equal(["tick", "tick", "tick"], RecordMarkerTask.Records[key]);
    }
}

public sealed class TimerTestsOnSqlite(FakeClockSqliteApp app) : TimerTests(app, app.Clock), IClassFixture<FakeClockSqliteApp>;

public sealed class TimerTestsOnPostgres(FakeClockPostgresApp app) : TimerTests(app, app.Clock), IClassFixture<FakeClockPostgresApp>;
