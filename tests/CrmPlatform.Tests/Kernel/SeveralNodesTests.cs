using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmPlatform.Tests.Contacts;
using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Tests.Workflows;

namespace CrmPlatform.Tests.Kernel;

/// <summary>
/// Two web nodes (separate processes) on one PostgreSQL database, as <c>docs/scaling.md</c> describes: sign-in and
/// antiforgery work across nodes, events, workflows, timers and scheduled jobs run exactly once, caches converge, and a
/// node killed mid-work leaves the rest to the others. Each case is one method on the shared <see cref="SeveralNodes"/>
/// fixture (campaigns, which need an SMTP sink of their own, are in <c>Marketing/CrashTests</c>: two nodes sending one
/// campaign, and one of two nodes killed mid-campaign): a new case adds a method, builds its data through
/// <see cref="SeveralNodes.Api"/> on <see cref="SeveralNodes.A"/> and <see cref="SeveralNodes.B"/>, and checks the
/// database with <see cref="SeveralNodes.ScalarAsync{T}"/>; a case that kills a node starts its own with
/// <see cref="SeveralNodes.StartNodeAsync"/>.
/// </summary>
public sealed partial class SeveralNodesTests(SeveralNodes nodes) : IClassFixture<SeveralNodes>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_nodes_set_up_one_site_when_started_together_on_an_empty_database()
    {
        PostgresApp.RequirePostgres();
        Assert.Equal(1L, await nodes.ScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.Equal(1L, await nodes.ScalarAsync<long>("SELECT count(*) FROM site_settings WHERE key = 'Setup'"));
        foreach (var node in nodes.Nodes)
        {
            using var api = nodes.Api(node);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("api/v1/me", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task A_user_signed_in_on_one_node_is_signed_in_on_the_other()
    {
        PostgresApp.RequirePostgres();
        // One browser, two nodes behind a load balancer without sticky sessions: cookies do not depend on the port.
        var cookies = new CookieContainer();
        using var onA = Browser(nodes.A, cookies);
        using var onB = Browser(nodes.B, cookies);

        // The form (and its antiforgery cookie and token) comes from A; the sign-in is posted to B.
        var form = await onA.GetStringAsync("login", Ct);
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(form).Groups[1].Value);
        Assert.NotEmpty(token);
        var signIn = await onB.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = CrmApp.AdminEmail,
            ["Input.Password"] = CrmApp.AdminPassword,
            ["__RequestVerificationToken"] = token,
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("login", signIn.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);

        // The authentication cookie B issued opens the admin on A, and on B.
        foreach (var browser in new[] { onA, onB })
        {
            var admin = await browser.GetAsync("admin", Ct);
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }
        // Without the cookie the same page sends the visitor to the sign-in form.
        using var stranger = nodes.A.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("admin", Ct)).StatusCode);

        // The key ring both nodes protect cookies with is in the database, not in either node's files.
        Assert.True(await nodes.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys") >= 1);
    }

    [Fact]
    public async Task Events_and_their_workflows_run_exactly_once_with_both_nodes_running()
    {
        PostgresApp.RequirePostgres();
        var marker = $"m{Guid.NewGuid():N}";
        // A timer in the middle: each instance waits, then one of the nodes resumes it when it is due.
        var workflow = await nodes.CreateWorkflowAsync(nodes.A, new WorkflowBuilder("ContactCreated")
            .Then("first", "Log", ("Message", $"{marker} created {{{{ Event.ContactId }}}}"))
            .Then("wait", "Delay", ("Duration", "2s"))
            .Then("second", "Log", ("Message", $"{marker} resumed {{{{ Event.ContactId }}}}")));
        var contacts = await nodes.CreateContactsAsync(200, nodes.Nodes);

        await SeveralNodes.WaitUntilAsync(
            async () => await nodes.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE workflow_type_id = @t AND status = 'finished'", ("t", workflow)) >= contacts.Count,
            TimeSpan.FromSeconds(120), "every contact's workflow finished");

        // One outbox row per contact, each delivered on its first attempt (no node delivered another's row).
        var events = await nodes.RowsAsync(
            "SELECT id, attempts, processed_at FROM outbox_messages WHERE type = 'ContactCreated' AND payload::jsonb->>'contactId' = ANY(@ids)",
            ("ids", contacts.Select(c => c.ToString()).ToArray()));
        Assert.Equal(contacts.Count, events.Count);
        Assert.All(events, e => Assert.Equal(1, (int)e[1]!));
        Assert.All(events, e => Assert.NotNull(e[2]));
        // Exactly one instance per event, and no other instance of the type.
        Assert.Equal((long)contacts.Count, await nodes.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE workflow_type_id = @t", ("t", workflow)));
        Assert.Equal((long)contacts.Count, await nodes.ScalarAsync<long>(
            "SELECT count(DISTINCT s.event_id) FROM workflow_event_starts s WHERE s.workflow_type_id = @t AND s.event_id = ANY(@e)",
            ("t", workflow), ("e", events.Select(e => (Guid)e[0]!).ToArray())));
        // Each instance ran each activity once: start, log, delay (then resumed by the timer once), log.
        var logs = await nodes.RowsAsync(
            "SELECT i.id, count(l.id) FROM workflow_instances i JOIN workflow_execution_log l ON l.instance_id = i.id WHERE i.workflow_type_id = @t GROUP BY i.id",
            ("t", workflow));
        Assert.All(logs, row => Assert.Equal(4L, (long)row[1]!));
        // The Log task itself ran once per contact and step across both nodes, and both nodes did some of the work.
        var created = nodes.Nodes.Select(n => SeveralNodes.LogLines(n, $"{marker} created")).ToList();
        var resumed = nodes.Nodes.Select(n => SeveralNodes.LogLines(n, $"{marker} resumed")).ToList();
        Assert.Equal(contacts.Count, created.Sum());
        Assert.Equal(contacts.Count, resumed.Sum());
        Assert.All(created.Zip(resumed, (c, r) => c + r), perNode => Assert.True(perNode > 0, "A node ran none of the workflows."));
    }

    [Fact]
    public async Task Scheduled_jobs_run_once_with_both_nodes_running()
    {
        PostgresApp.RequirePostgres();
        var marker = $"m{Guid.NewGuid():N}";
        // Activities that fall due while both nodes poll: each is announced once, and its workflow runs once.
        var dueWorkflow = await nodes.CreateWorkflowAsync(nodes.B, new WorkflowBuilder("ActivityDue", ("Match", "Title = " + marker))
            .Then("log", "Log", ("Message", $"{marker} due {{{{ Event.ActivityId }}}}")));
        // A timer start every two seconds: each occurrence starts once, whichever node sees it first.
        var timerMarker = $"t{Guid.NewGuid():N}";
        var timerWorkflow = await nodes.CreateWorkflowAsync(nodes.A, new WorkflowBuilder("Timer", ("Cron", "*/2 * * * * *"))
            .Then("log", "Log", ("Message", $"{timerMarker} tick {{{{ Workflow.Id }}}}")));

        var contacts = await nodes.CreateContactsAsync(20, nodes.Nodes);
        var activities = new List<Guid>();
        using (var api = nodes.Api(nodes.B))
        {
            foreach (var contact in contacts)
            {
                var response = await api.PostAsJsonAsync($"api/v1/contacts/{contact}/activities", new Dictionary<string, object?>
                {
                    ["type"] = "reminder",
                    ["title"] = marker,
                    ["scheduledAt"] = DateTime.UtcNow.AddSeconds(2),
                }, Ct);
                var text = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.IsSuccessStatusCode, $"Adding an activity answered {(int)response.StatusCode}: {text}");
                activities.Add(JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid());
            }
        }

        await SeveralNodes.WaitUntilAsync(
            async () => await nodes.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE workflow_type_id = @t AND status = 'finished'", ("t", dueWorkflow)) >= activities.Count,
            TimeSpan.FromSeconds(90), "every due activity's workflow finished");
        // Let the timer fire a few more times with both nodes ticking, then stop it.
        await SeveralNodes.WaitUntilAsync(
            async () => await nodes.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE workflow_type_id = @t AND status = 'finished'", ("t", timerWorkflow)) >= 3,
            TimeSpan.FromSeconds(60), "the timer workflow ran three times");
        using (var api = nodes.Api(nodes.A))
        {
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"api/v1/workflows/{timerWorkflow}/disable", null, Ct)).StatusCode);
        }
        await SeveralNodes.WaitUntilAsync(
            async () => await nodes.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE workflow_type_id = @t AND status <> 'finished'", ("t", timerWorkflow)) == 0,
            TimeSpan.FromSeconds(30), "the last timer instance finished");

        // Each activity was announced once (one ActivityDue row) and started one instance.
        var announced = await nodes.RowsAsync(
            "SELECT payload::jsonb->>'activityId', count(*) FROM outbox_messages WHERE type = 'ActivityDue' AND payload::jsonb->>'activityId' = ANY(@ids) GROUP BY 1",
            ("ids", activities.Select(a => a.ToString()).ToArray()));
        Assert.Equal(activities.Count, announced.Count);
        Assert.All(announced, row => Assert.Equal(1L, (long)row[1]!));
        Assert.Equal((long)activities.Count, await nodes.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE workflow_type_id = @t", ("t", dueWorkflow)));
        Assert.Equal(activities.Count, nodes.Nodes.Sum(n => SeveralNodes.LogLines(n, $"{marker} due")));

        // Each timer occurrence started one instance (the occurrence is its start key) whose task ran once.
        var timerInstances = await nodes.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE workflow_type_id = @t", ("t", timerWorkflow));
        Assert.Equal(timerInstances, await nodes.ScalarAsync<long>("SELECT count(DISTINCT event_id) FROM workflow_event_starts WHERE workflow_type_id = @t", ("t", timerWorkflow)));
        Assert.Equal(timerInstances, nodes.Nodes.Sum(n => SeveralNodes.LogLines(n, $"{timerMarker} tick")));
        // Occurrences are two seconds apart: a duplicate would be two instances of one occurrence, less than a second apart.
        var starts = (await nodes.RowsAsync("SELECT created_at FROM workflow_instances WHERE workflow_type_id = @t ORDER BY created_at", ("t", timerWorkflow)))
            .Select(r => (DateTime)r[0]!).ToList();
        Assert.All(starts.Zip(starts.Skip(1)), pair => Assert.True(pair.Second - pair.First > TimeSpan.FromSeconds(1), $"Two timer starts {pair.Second - pair.First} apart."));
    }

    [Fact]
    public async Task A_node_killed_mid_work_leaves_the_others_to_finish_it()
    {
        PostgresApp.RequirePostgres();
        var marker = $"m{Guid.NewGuid():N}";
        var workflow = await nodes.CreateWorkflowAsync(nodes.A, new WorkflowBuilder("ContactCreated")
            .Then("log", "Log", ("Message", $"{marker} {{{{ Event.ContactId }}}}")));
        var victim = await nodes.StartNodeAsync();

        // The victim delivers the events of its own requests at once (A and B notice them on their next poll), so it
        // holds leases on outbox rows and instances when it is killed in the middle of the burst.
        using var api = nodes.Api(victim);
        var requests = Enumerable.Range(0, 150).Select(async i =>
        {
            try
            {
                var response = await api.PostAsJsonAsync("api/v1/contacts", ContactData.Body(name: $"Victim contact {i}"), Ct);
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false; // the node died under this request: its contact was not committed, or was and has its event
            }
        }).ToList();
        await SeveralNodes.WaitUntilAsync(
            async () => await nodes.ScalarAsync<long>("SELECT count(*) FROM outbox_messages WHERE type = 'ContactCreated' AND locked_by LIKE @node", ("node", $"%:{victim.ProcessId}:%")) > 0,
            TimeSpan.FromSeconds(60), "the victim node claimed events");
        await victim.KillAsync();
        await Task.WhenAll(requests);
        var held = await nodes.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM outbox_messages WHERE locked_by LIKE @node AND processed_at IS NULL) + (SELECT count(*) FROM workflow_instances WHERE locked_by LIKE @node)",
            ("node", $"%:{victim.ProcessId}:%"));
        Assert.True(held > 0, "The victim held no leases when it was killed; the take-over was not exercised.");

        // A and B take over once the leases run out: every committed contact's event is delivered and its workflow runs once.
        var committed = await nodes.RowsAsync(
            "SELECT o.id FROM outbox_messages o WHERE o.type = 'ContactCreated' AND o.payload::jsonb->>'name' LIKE 'Victim contact %'");
        Assert.NotEmpty(committed);
        await SeveralNodes.WaitUntilAsync(
            async () => await nodes.ScalarAsync<long>(
                "SELECT count(*) FROM outbox_messages WHERE type = 'ContactCreated' AND processed_at IS NULL") == 0
                && await nodes.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE workflow_type_id = @t AND status <> 'finished'", ("t", workflow)) == 0,
            TimeSpan.FromSeconds(90), "the surviving nodes delivered every event and finished every instance");
        var eventIds = committed.Select(r => (Guid)r[0]!).ToArray();
        Assert.Equal((long)eventIds.Length, await nodes.ScalarAsync<long>(
            "SELECT count(*) FROM workflow_event_starts WHERE workflow_type_id = @t AND event_id = ANY(@e)", ("t", workflow), ("e", eventIds)));
        Assert.Equal((long)eventIds.Length, await nodes.ScalarAsync<long>("SELECT count(*) FROM workflow_instances WHERE workflow_type_id = @t", ("t", workflow)));
        // Nothing is left under the dead node's name.
        Assert.Equal(0L, await nodes.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM outbox_messages WHERE locked_by LIKE @node) + (SELECT count(*) FROM workflow_instances WHERE locked_by LIKE @node)",
            ("node", $"%:{victim.ProcessId}:%")));
        Assert.True(nodes.Nodes.Sum(n => SeveralNodes.LogLines(n, marker)) > 0, "The surviving nodes ran none of the dead node's work.");
    }

    [Fact]
    public async Task A_feature_switched_on_one_node_is_seen_by_the_other_within_seconds()
    {
        PostgresApp.RequirePostgres();
        using var onA = nodes.Api(nodes.A);
        using var onB = nodes.Api(nodes.B);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("api/v1/workflows", Ct)).StatusCode);
        try
        {
            Assert.True((await onA.PostAsync("api/v1/features/CrmPlatform.Workflows/disable", null, Ct)).IsSuccessStatusCode);
            // A answers at once; B's cache of enabled features lives five seconds.
            Assert.Equal(HttpStatusCode.NotFound, (await onA.GetAsync("api/v1/workflows", Ct)).StatusCode);
            await SeveralNodes.WaitUntilAsync(
                async () => (await onB.GetAsync("api/v1/workflows", Ct)).StatusCode == HttpStatusCode.NotFound,
                TimeSpan.FromSeconds(10), "node B saw the feature disabled");
        }
        finally
        {
            Assert.True((await onA.PostAsync("api/v1/features/CrmPlatform.Workflows/enable", null, Ct)).IsSuccessStatusCode);
        }
        await SeveralNodes.WaitUntilAsync(
            async () => (await onB.GetAsync("api/v1/workflows", Ct)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "node B saw the feature enabled again");
    }

    private static HttpClient Browser(ExternalHost node, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = node.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
