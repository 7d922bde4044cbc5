using System.Globalization;
using System.Net.Http.Json;
using CrmPlatform.Core.Data;
using CrmPlatform.Tests.Contacts;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Workflows;

/// <summary>
/// Issue 10, crash safety of workflow execution: the host is killed with SIGKILL while a burst of events is being run
/// by a workflow, restarted on the same database, and then every event's workflow has run exactly once — no event
/// without its instance, no duplicate instance, no half-committed run, nothing left under a dead lease.
/// </summary>
public abstract class WorkflowCrashTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Settings(ExternalDatabase database)
    {
        var settings = new Dictionary<string, string>
        {
            ["Workers__OutboxLeaseSeconds"] = "3",
            ["Workers__WorkflowLeaseSeconds"] = "3",
        };
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            settings["Database__ConnectionString"] = SeveralNodes.SmallPool(database.ConnectionString);
        }
        return settings;
    }

    [Fact]
    public async Task Each_event_runs_its_workflow_once_after_the_host_is_killed_mid_batch()
    {
        await using var database = await ExternalDatabase.CreateAsync(provider);
        var first = await ExternalHost.StartAsync(database, Settings(database));
        var token = await database.CreateTokenAsync(CrmApp.AdminEmail);
        var name = $"crash-{Guid.NewGuid():N}";
        using (var api = first.CreateClient(token))
        {
            // Log, wait a second, log: a kill finds instances mid-run, waiting on their timer, and not started yet.
            var definition = new WorkflowBuilder("ContactCreated")
                .Then("first", "Log", ("Message", "created {{ Event.ContactId }}"))
                .Then("wait", "Delay", ("Duration", "1s"))
                .Then("second", "Log", ("Message", "resumed {{ Event.ContactId }}"))
                .Build(name);
            var created = await api.PostAsJsonAsync("api/v1/workflows", definition, ContactData.Json, Ct);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        }
        var type = $"(SELECT id FROM workflow_types WHERE name = '{name}')";

        using (var api = first.CreateClient(token))
        {
            using var gate = new SemaphoreSlim(8);
            var requests = Enumerable.Range(0, 150).Select(async i =>
            {
                await gate.WaitAsync(Ct);
                try
                {
                    await api.PostAsJsonAsync("api/v1/contacts", ContactData.Body(name: $"Crash contact {i}"), Ct);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // the host died under this request
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await WaitUntilAsync(database, $"SELECT count(*) FROM workflow_instances WHERE workflow_type_id = {type}", n => n >= 20, "the workflow ran for some events");
            await first.KillAsync();
            await Task.WhenAll(requests);
        }
        var events = await ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE type = 'ContactCreated'");
        var unfinished = await ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE type = 'ContactCreated' AND processed_at IS NULL")
            + await ScalarAsync(database, $"SELECT count(*) FROM workflow_instances WHERE workflow_type_id = {type} AND status <> 'finished'");
        Assert.True(unfinished > 0, "The host had finished everything before it was killed; nothing was interrupted.");
        await first.DisposeAsync();

        await using var second = await ExternalHost.StartAsync(database, Settings(database));
        await WaitUntilAsync(database,
            $"SELECT (SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL) + (SELECT count(*) FROM workflow_instances WHERE workflow_type_id = {type} AND status <> 'finished')",
            n => n == 0, "every event was delivered and every instance finished after the restart");

        Assert.Equal(events, await ScalarAsync(database, "SELECT count(*) FROM contacts WHERE name LIKE 'Crash contact %'"));
        // One instance per event, each started by its event.
        Assert.Equal(events, await ScalarAsync(database, $"SELECT count(*) FROM workflow_instances WHERE workflow_type_id = {type}"));
        Assert.Equal(events, await ScalarAsync(database,
            $"SELECT count(*) FROM workflow_event_starts s JOIN outbox_messages o ON o.id = s.event_id WHERE s.workflow_type_id = {type} AND o.type = 'ContactCreated'"));
        // Runs commit whole: every instance logged its four activities once (a run cut by the kill left no trace).
        Assert.Equal(0, await ScalarAsync(database,
            $"SELECT count(*) FROM (SELECT i.id FROM workflow_instances i LEFT JOIN workflow_execution_log l ON l.instance_id = i.id WHERE i.workflow_type_id = {type} GROUP BY i.id HAVING count(l.id) <> 4) x"));
        Assert.Equal(0, await ScalarAsync(database, $"SELECT count(*) FROM workflow_instances WHERE workflow_type_id = {type} AND locked_by IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE locked_by IS NOT NULL OR failed"));
    }

    private static async Task<long> ScalarAsync(ExternalDatabase database, string sql)
    {
        await using var db = database.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(ExternalDatabase database, string sql, Func<long, bool> done, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!done(await ScalarAsync(database, sql)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
            await Task.Delay(100, Ct);
        }
    }
}

public sealed class WorkflowCrashTestsOnSqlite() : WorkflowCrashTests(DatabaseProvider.Sqlite);

public sealed class WorkflowCrashTestsOnPostgres() : WorkflowCrashTests(DatabaseProvider.PostgreSql);
