using System.Net;
using System.Text.RegularExpressions;
using CrmPlatform.Bench.Hosting;
using CrmPlatform.Bench.Load;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Bench.Scenarios;

/// <summary>
/// CRM trackers (issue 4): the board of one tracker (an admin screen only, so through a cookie sign-in), the list of one
/// tracker through <c>/api/v1/leads</c> (first page and a filtered page) and the report through
/// <c>/api/v1/trackers/{id}/report</c>, each against the raw SQL the page needs. Targets: board and list &lt; 150 ms,
/// report &lt; 300 ms. One request at a time, so the figures are the server's time for one request, not queueing.
/// </summary>
internal static partial class TrackersScenarios
{
    private const string Statuses = "new,contacted,qualified,proposal,negotiation,closed_won,closed_lost,on_hold";

    private const string LeadColumns =
        "l.id, l.title, l.description, l.status, l.estimated_value, l.expected_close_date, l.contact_id, c.name, c.email_id, l.tracker_id, t.name, " +
        "l.assigned_to_id, u.first_name, u.last_name, l.created_by_id, l.created_at, l.updated_at, l.deleted_at";

    private const string LeadJoins =
        "FROM leads l JOIN contacts c ON c.id = l.contact_id JOIN crm_trackers t ON t.id = l.tracker_id LEFT JOIN users u ON u.id = l.assigned_to_id";

    public static IEnumerable<IScenario> All()
    {
        yield return new BoardScenario();
        yield return new Scenario("trackers-list-first", "p50 < 150 ms",
            (c, t) => $"api/v1/leads?trackerId={t}&limit=50",
            (c, t) => ListFloor(c, t, "", []));
        yield return new Scenario("trackers-list-filtered", "p50 < 150 ms",
            (c, t) => $"api/v1/leads?trackerId={t}&limit=50&status=qualified&fieldId={IndustryField(c)}&fieldValue=Software",
            (c, t) => ListFloor(c, t, " AND l.status = 'qualified' AND EXISTS (SELECT 1 FROM lead_field_values v WHERE v.lead_id = l.id AND v.field_id = @p1 AND v.value = @p2)",
                [c.Key(IndustryField(c)), "Software"]));
        yield return new Scenario("trackers-report", "p50 < 300 ms",
            (c, t) => $"api/v1/trackers/{t}/report",
            (c, t) =>
            [
                ("SELECT id, name, description, is_active, created_at, updated_at FROM crm_trackers WHERE id = @p0", [c.Key(t)]),
                ("SELECT status, COUNT(*), SUM(estimated_value) FROM leads WHERE tracker_id = @p0 AND deleted_at IS NULL GROUP BY status", [c.Key(t)]),
                (c.Database.Provider == DatabaseProvider.PostgreSql
                    ? "SELECT date_part('year', expected_close_date AT TIME ZONE 'UTC'), date_part('month', expected_close_date AT TIME ZONE 'UTC'), COUNT(*), SUM(estimated_value) FROM leads WHERE tracker_id = @p0 AND deleted_at IS NULL AND expected_close_date IS NOT NULL AND status <> 'closed_lost' GROUP BY 1, 2"
                    : "SELECT strftime('%Y', expected_close_date), strftime('%m', expected_close_date), COUNT(*), SUM(estimated_value) FROM leads WHERE tracker_id = @p0 AND deleted_at IS NULL AND expected_close_date IS NOT NULL AND status <> 'closed_lost' GROUP BY 1, 2",
                    [c.Key(t)]),
            ]);
    }

    /// <summary>The first generated tracker: about a tenth of the leads.</summary>
    private static Guid Tracker(BenchContext context) => ((Guid[])context.Data.Shared["trackerIds"])[0];

    private static Guid IndustryField(BenchContext context) => ((Guid[])context.Data.Shared["trackerIndustryFieldIds"])[0];

    private static IReadOnlyList<(string, object[])> ListFloor(BenchContext c, Guid tracker, string where, object[] args)
    {
        var page = $"SELECT l.id {LeadJoins} WHERE l.tracker_id = @p0 AND l.deleted_at IS NULL{where} ORDER BY l.created_at DESC, l.id DESC LIMIT 50";
        object[] all = [c.Key(tracker), .. args];
        return
        [
            ($"SELECT {LeadColumns} {LeadJoins} WHERE l.tracker_id = @p0 AND l.deleted_at IS NULL{where} ORDER BY l.created_at DESC, l.id DESC LIMIT 51", all),
            ($"SELECT v.lead_id, f.name, f.type, v.value FROM lead_field_values v JOIN crm_fields f ON f.id = v.field_id WHERE v.lead_id IN ({page})", all),
        ];
    }

    private static async Task<ScenarioResult> MeasureAsync(BenchContext context, string name, string target, HttpClient client, string url,
        IReadOnlyList<(string, object[])> floor, CancellationToken ct)
    {
        var operations = context.Operations(300);
        // A few warm-up requests so the first compilation of the page and queries is not in the figures.
        for (var i = 0; i < 5; i++)
        {
            using var warm = await client.GetAsync(url, ct);
            if (warm.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{name}: GET {url} answered {(int)warm.StatusCode}.");
            }
        }
        var ours = await LoadRunner.RunAsync(operations, 1, async _ =>
        {
            using var response = await client.GetAsync(url, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            return response.StatusCode == HttpStatusCode.OK;
        }, ct);
        var raw = await context.RawQueriesAsync(operations, 1, _ => floor, ct);
        var leads = await context.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM leads WHERE tracker_id = '{context.Key(Tracker(context))}'", ct);
        return new ScenarioResult(name, target, ours, raw, $"tracker with {leads:N0} leads");
    }

    private sealed class Scenario(string name, string target, Func<BenchContext, Guid, string> url, Func<BenchContext, Guid, IReadOnlyList<(string, object[])>> floor) : IScenario
    {
        public string Name => name;
        public string Target => target;

        public Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
        {
            var tracker = Tracker(context);
            return MeasureAsync(context, Name, Target, context.Api, url(context, tracker), floor(context, tracker), ct);
        }
    }

    /// <summary>The board is a screen only: sign in as the bench admin with the login form, then GET the page.</summary>
    private sealed partial class BoardScenario : IScenario
    {
        public string Name => "trackers-board";
        public string Target => "p50 < 150 ms";

        public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
        {
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var browser = new HttpClient(handler) { BaseAddress = context.Host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var login = await browser.GetStringAsync("login", ct);
            var token = TokenInput().Match(login) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
                : throw new InvalidOperationException("The login page has no antiforgery token.");
            using var signIn = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = BenchAdmin.Email,
                ["Input.Password"] = BenchAdmin.Password,
                ["__RequestVerificationToken"] = token,
            }), ct);
            if (signIn.StatusCode != HttpStatusCode.Redirect && signIn.StatusCode != HttpStatusCode.Found)
            {
                throw new InvalidOperationException($"Signing in as the bench admin answered {(int)signIn.StatusCode}.");
            }
            var tracker = Tracker(context);
            var key = context.Key(tracker);
            var floor = new List<(string, object[])>
            {
                ("SELECT id, name, description, is_active, created_at, updated_at FROM crm_trackers WHERE id = @p0", [key]),
                ("SELECT id, name, label, type, is_required, options, sort_order FROM crm_fields WHERE tracker_id = @p0 ORDER BY sort_order", [key]),
                ("SELECT status, COUNT(*), SUM(estimated_value) FROM leads WHERE tracker_id = @p0 AND deleted_at IS NULL GROUP BY status", [key]),
            };
            foreach (var status in Statuses.Split(','))
            {
                floor.Add(("SELECT l.id, l.title, c.name, l.estimated_value, l.expected_close_date, u.first_name, u.last_name, l.updated_at " +
                    "FROM leads l JOIN contacts c ON c.id = l.contact_id LEFT JOIN users u ON u.id = l.assigned_to_id " +
                    "WHERE l.tracker_id = @p0 AND l.deleted_at IS NULL AND l.status = @p1 ORDER BY l.updated_at DESC, l.id DESC LIMIT 25", [key, status]));
            }
            return await MeasureAsync(context, Name, Target, browser, $"admin/trackers/{tracker}/board", floor, ct);
        }

        [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
        private static partial Regex TokenInput();
    }
}
