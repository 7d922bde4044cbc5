using System.Net;
using CrmPlatform.Bench.Load;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Bench.Scenarios;

/// <summary>
/// Issue 6: with 100,000 responses on one questionnaire, the summary page renders in under 300 ms server time on SQLite
/// and PostgreSQL. <c>questionnaire-summary</c> GETs the admin summary screen (charts of every question, latest text
/// answers) unfiltered; <c>questionnaire-summary-filtered</c> the same with a date range (the last 90 days) and a contact
/// category, which takes the aggregate path. One request at a time after a short warm-up, so a figure is the server's
/// time for one page plus loopback HTTP. Floors: the SQL the page needs, on one connection.
/// </summary>
internal static class QuestionnairesScenarios
{
    public static IEnumerable<IScenario> All()
    {
        yield return new SummaryScenario("questionnaire-summary", filtered: false);
        yield return new SummaryScenario("questionnaire-summary-filtered", filtered: true);
    }

    private sealed class SummaryScenario(string name, bool filtered) : IScenario
    {
        public string Name => name;
        public string Target => filtered ? "informational (p50 < 300 ms wanted)" : "p50 < 300 ms";

        public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
        {
            var questionnaire = (Guid)context.Data.Shared["questionnaireId"];
            var category = ((Guid[])context.Data.Shared["categoryIds"])[0];
            var from = DateOnly.FromDateTime(context.Data.Now.AddDays(-90));
            var to = DateOnly.FromDateTime(context.Data.Now);
            var url = $"admin/questionnaires/{questionnaire}/summary" + (filtered ? $"?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&categoryId={category}" : "");
            using var browser = await BrowserSession.SignInAsync(context, ct);
            for (var i = 0; i < 5; i++)
            {
                using var warm = await browser.GetAsync(url, ct);
                if (warm.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{Name}: GET {url} answered {(int)warm.StatusCode}.");
                }
            }
            var operations = context.Operations(200);
            var ours = await LoadRunner.RunAsync(operations, 1, async _ =>
            {
                using var response = await browser.GetAsync(url, ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                return response.StatusCode == HttpStatusCode.OK;
            }, ct);
            var raw = await context.RawQueriesAsync(operations, 1, _ => Floor(context, questionnaire, filtered, from, to, category), ct);
            var key = context.Key(questionnaire);
            var responses = await context.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM questionnaire_responses WHERE questionnaire_id = '{key}'", ct);
            var answers = await context.Database.ScalarAsync<long>(
                $"SELECT COUNT(*) FROM questionnaire_response_answers a JOIN questionnaire_responses r ON r.id = a.response_id WHERE r.questionnaire_id = '{key}'", ct);
            return new ScenarioResult(Name, Target, ours, raw, $"{responses:N0} responses and {answers:N0} answers on the questionnaire{(filtered ? $"; filter {from:yyyy-MM-dd}..{to:yyyy-MM-dd} and one category" : "")}");
        }

        /// <summary>The generated questionnaires have one text question; the page reads its latest answers by question id.</summary>
        private const string TextQuestion = "SELECT id FROM questionnaire_questions WHERE questionnaire_id = @p0 AND type = 'text' LIMIT 1";

        /// <summary>The definition, the figures (running totals, or the aggregate over the filtered answers) and the latest texts.</summary>
        private static List<(string, object[])> Floor(BenchContext context, Guid questionnaire, bool filtered, DateOnly from, DateOnly to, Guid category)
        {
            var key = context.Key(questionnaire);
            var sqlite = context.Database.Provider == DatabaseProvider.Sqlite;
            object Time(DateOnly d) => sqlite ? d.ToDateTime(TimeOnly.MinValue).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var queries = new List<(string, object[])>
            {
                ("SELECT id, title, description, is_active, public_url, is_public, offer_to_leads, contact_category_id, rating_min, rating_max FROM questionnaires WHERE id = @p0", [key]),
                ("SELECT q.id, q.question, q.type, q.is_required, q.help_text, o.id, o.text FROM questionnaire_questions q LEFT JOIN questionnaire_question_options o ON o.question_id = q.id WHERE q.questionnaire_id = @p0 ORDER BY q.sort_order, o.sort_order", [key]),
            };
            if (!filtered)
            {
                queries.Add(("SELECT question_id, bucket, tally FROM questionnaire_summary_counts WHERE questionnaire_id = @p0", [key]));
                queries.Add(($"SELECT a.answer_text, a.created_at FROM questionnaire_response_answers a WHERE a.question_id = ({TextQuestion}) AND a.answer_text IS NOT NULL ORDER BY a.created_at DESC LIMIT 10", [key]));
                return queries;
            }
            const string inFilter = "SELECT r.id FROM questionnaire_responses r WHERE r.questionnaire_id = @p0 AND r.created_at >= @p1 AND r.created_at < @p2 AND EXISTS (SELECT 1 FROM contacts c WHERE c.id = r.contact_id AND c.category_id = @p3)";
            object[] args = [key, Time(from), Time(to.AddDays(1)), context.Key(category)];
            queries.Add(($"SELECT a.question_id, a.option_id, a.rating_value, COUNT(*) FROM questionnaire_response_answers a WHERE a.response_id IN ({inFilter}) GROUP BY a.question_id, a.option_id, a.rating_value", args));
            queries.Add(($"SELECT a.question_id, COUNT(DISTINCT a.response_id) FROM questionnaire_response_answers a JOIN questionnaire_questions q ON q.id = a.question_id WHERE q.type = 'checkbox' AND a.response_id IN ({inFilter}) GROUP BY a.question_id", args));
            queries.Add(($"SELECT COUNT(*) FROM ({inFilter}) f", args));
            queries.Add(($"SELECT a.answer_text, a.created_at FROM questionnaire_response_answers a WHERE a.question_id = ({TextQuestion}) AND a.answer_text IS NOT NULL AND a.response_id IN ({inFilter}) ORDER BY a.created_at DESC LIMIT 10", args));
            return queries;
        }
    }
}
