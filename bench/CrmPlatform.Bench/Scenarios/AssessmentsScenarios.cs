using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CrmPlatform.Bench.Generation;
using CrmPlatform.Bench.Load;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Bench.Scenarios;

/// <summary>
/// Issue 5: the public submit endpoint sustains at least 500 submissions per second on SQLite with p99 under 100 ms.
/// Anonymous POSTs to <c>/api/v1/public/assessments/{slug}/responses</c> with ten valid answers; even operations are an
/// existing contact (matched by email), odd ones a new visitor (unique email and valid phone, so a contact is created).
/// The floor does the same writes directly: the contact lookup, the contact insert for a new visitor, the response, its
/// ten answers and the outbox event, in one transaction per submission.
/// </summary>
internal sealed class AssessmentSubmitScenario : IScenario
{
    /// <summary>Concurrent visitors: 16, or <c>BENCH_SUBMIT_CONCURRENCY</c> to find where throughput peaks.</summary>
    public static readonly int Concurrency = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SUBMIT_CONCURRENCY"), out var c) && c > 0 ? c : 16;

    public string Name => "assessments-public-submit";
    public string Target => "≥ 500/s, p99 < 100 ms";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var slug = (string)context.Data.Shared["assessmentSlug"];
        var questions = (AssessmentsGenerator.GeneratedQuestion[])context.Data.Shared["assessmentQuestions"];
        var emails = (string[])context.Data.Shared["contactEmails"];
        // Quick mode (CI) checks the path works and stays fast enough to run; the issue's figure is the full run's.
        var operations = context.Options.Quick ? 1000 : 20_000;
        // Anonymous, like a visitor: no bearer token.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var visitor = new HttpClient(handler) { BaseAddress = context.Host.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
        var url = $"api/v1/public/assessments/{slug}/responses";
        // Warm-up (JIT up to tier 1, pools, cached definition), not measured: on a starved machine a short warm-up leaves
        // the run in tier-0 code (measured: 6.6–7.4 ms host CPU per submission instead of 4.1 ms with the JIT fully optimising).
        await LoadRunner.RunAsync(context.Options.Quick ? 500 : 3000, Concurrency, async i => await PostAsync(visitor, url, Body(questions, emails, 1_000_000 + i, "warm"), ct), ct);
        var cpuBefore = context.Host.CpuTime;
        var ours = await LoadRunner.RunAsync(operations, Concurrency, async i => await PostAsync(visitor, url, Body(questions, emails, i, "run"), ct), ct);
        var cpuPerSubmit = (context.Host.CpuTime - cpuBefore).TotalMilliseconds / operations;
        // The events the submissions raised are delivered in the background (contact profile, workflows): wait for the
        // outbox to drain so that work is counted too and does not leak into the floor or the next scenario.
        var pending = await context.Database.ScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL", ct);
        var drain = System.Diagnostics.Stopwatch.StartNew();
        var cpuAfterLoad = context.Host.CpuTime;
        // Quick mode bounds the wait: the outbox also holds earlier scenarios' events (the CSV import raises one per row).
        var drainLimit = context.Options.Quick ? TimeSpan.FromSeconds(20) : TimeSpan.FromMinutes(3);
        while (drain.Elapsed < drainLimit && await context.Database.ScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL", ct) > 0)
        {
            await Task.Delay(250, ct);
        }
        var drainCpuPerSubmit = (context.Host.CpuTime - cpuAfterLoad).TotalMilliseconds / operations;
        var floor = await RawSubmitAsync(context, questions, emails, operations, ct);
        var stored = await context.Database.ScalarAsync<long>($"SELECT COUNT(*) FROM assessment_responses WHERE submission_key LIKE 'run-%'", ct);
        return new ScenarioResult(Name, Target, ours, floor,
            $"concurrency {Concurrency}, half matched / half new contacts, 10 answers each; {stored:N0} stored of {operations:N0}; host CPU {cpuPerSubmit:F2} ms per submission during the load (event delivery running alongside) + {drainCpuPerSubmit:F2} ms draining {pending:N0} undelivered events in {drain.Elapsed.TotalSeconds:F1} s after it; raw {floor.Throughput:N0}/s");
    }

    private static async Task<bool> PostAsync(HttpClient client, string url, object body, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync(url, body, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Console.Error.WriteLine($"  submit: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            return false;
        }
        return true;
    }

    /// <summary>Operation <paramref name="i"/>: even → an existing contact's email; odd → a new visitor with a unique email and US phone.</summary>
    private static object Body(AssessmentsGenerator.GeneratedQuestion[] questions, string[] emails, int i, string prefix)
    {
        var existing = i % 2 == 0;
        return new
        {
            name = existing ? "Returning Visitor" : $"{Names.First[i % Names.First.Length]} {Names.Last[(i / 7) % Names.Last.Length]}",
            email = existing ? emails[(int)((long)i * 7919 % emails.Length)] : $"visitor.{prefix}.{i}@visitors.example",
            phone = existing ? null : Phone(i, prefix == "warm" ? "415" : "312"),
            submissionKey = $"{prefix}-{i}",
            answers = Answers(questions, i).Select(a => new { questionId = a.Question, optionId = a.Option, rating = a.Rating }),
        };
    }

    private static string Phone(int i, string area) =>
        $"+1 {area} {200 + (i / 10_000) % 800} {i % 10_000:0000}";

    private static IEnumerable<(Guid Question, Guid? Option, int? Rating)> Answers(AssessmentsGenerator.GeneratedQuestion[] questions, int i)
    {
        for (var q = 0; q < questions.Length; q++)
        {
            var question = questions[q];
            yield return question.Options.Length == 0
                ? (question.Id, null, 1 + (i + q) % 5)
                : (question.Id, question.Options[(i * 31 + q * 7) % question.Options.Length], null);
        }
    }

    /// <summary>The same writes straight through ADO.NET: a lower bound for what the endpoint can do.</summary>
    private static Task<LoadResult> RawSubmitAsync(BenchContext context, AssessmentsGenerator.GeneratedQuestion[] questions, string[] emails, int operations, CancellationToken ct)
    {
        var assessmentId = (Guid)context.Data.Shared["assessmentId"];
        var sqlite = context.Database.Provider == DatabaseProvider.Sqlite;
        return LoadRunner.RunAsync(operations, Concurrency, async i =>
        {
            var now = DateTime.UtcNow;
            var existing = i % 2 == 0;
            var email = existing ? emails[(int)((long)i * 7919 % emails.Length)] : $"visitor.raw.{i}@visitors.example";
            await using var connection = context.Database.Open();
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            async Task<object?> Run(string sql, params object?[] args)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                for (var a = 0; a < args.Length; a++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@p" + a;
                    parameter.Value = sqlite ? ToSqlite(args[a]) : args[a] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                return await command.ExecuteScalarAsync(ct);
            }
            var found = await Run("SELECT id FROM contacts WHERE email_id = @p0 LIMIT 1", email);
            var contactId = found switch { Guid g => g, string s => Guid.Parse(s), _ => Guid.Empty };
            if (contactId == Guid.Empty)
            {
                contactId = Guid.CreateVersion7();
                const string name = "Raw Visitor";
                await Run("INSERT INTO contacts (id, name, contact_no, email_id, location, type, normalized_name, normalized_company, created_at, updated_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)",
                    contactId, name, $"+1415{200 + (i / 10_000) % 800}{i % 10_000:0000}", email, "Not given", "employee", name.ToLowerInvariant(), "", now, now);
            }
            var responseId = Guid.CreateVersion7();
            await Run("INSERT INTO assessment_responses (id, total_score, max_score, percentage, personality_type, traits, ranking, assessment_id, contact_id, status, inner_drives, baselines, dimension_scores, submission_key, created_at, updated_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15)",
                responseId, 24, 40, 60m, "Dominance (D)", "Decisive", "Good", assessmentId, contactId, "completed", "Results and control", "Fast-paced", "{\"D\":6,\"I\":4,\"S\":4,\"C\":2}", $"raw-{i}", now, now);
            foreach (var (question, option, rating) in Answers(questions, i))
            {
                await Run("INSERT INTO assessment_response_answers (id, points, response_id, question_id, option_id, rating_value, question_text, question_type, option_text, max_points, dimension_points, pending_grading, created_at, updated_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13)",
                    Guid.CreateVersion7(), 3, responseId, question, option, rating, "When a deal stalls, what do you do first?", rating is null ? "multiple_choice" : "rating_scale",
                    option is null ? null : "Push for a decision", 4, option is null ? null : "{\"D\":2}", false, now, now);
            }
            await Run("INSERT INTO outbox_messages (id, type, payload, created_at, next_attempt_at, attempts, failed) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)",
                Guid.CreateVersion7(), "bench.raw_submitted", $"{{\"responseId\":\"{responseId}\"}}", now, now.AddYears(10), 0, false);
            await transaction.CommitAsync(ct);
            return true;
        }, ct);
    }

    private static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        decimal m => (double)m,
        _ => value,
    };
}

/// <summary>The admin's responses list for an assessment with many responses (newest first, keyset paged) against the raw query.</summary>
internal sealed class AssessmentResponsesListScenario : IScenario
{
    public string Name => "assessments-responses-list";
    public string Target => "p99 < 100 ms";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var assessmentId = (Guid)context.Data.Shared["assessmentId"];
        var responses = await context.Database.ScalarAsync<long>(
            $"SELECT COUNT(*) FROM assessment_responses WHERE assessment_id = '{(context.Database.Provider == DatabaseProvider.Sqlite ? assessmentId.ToString().ToUpperInvariant() : assessmentId.ToString())}'", ct);
        var operations = context.Operations(1000);
        var ours = await LoadRunner.RunAsync(operations, 4, async _ => (await context.Api.GetAsync($"api/v1/assessments/{assessmentId}/responses?limit=50", ct)).StatusCode == HttpStatusCode.OK, ct);
        object id = context.Database.Provider == DatabaseProvider.Sqlite ? assessmentId.ToString().ToUpperInvariant() : assessmentId;
        var floor = await context.RawQueryAsync(operations, 4, _ => (
            "SELECT r.id, r.total_score, r.max_score, r.percentage, r.ranking, r.personality_type, r.traits, r.status, r.created_at, c.name, c.email_id FROM assessment_responses r JOIN contacts c ON c.id = r.contact_id WHERE r.assessment_id = @p0 ORDER BY r.created_at DESC, r.id DESC LIMIT 51",
            [id]), ct);
        return new ScenarioResult(Name, Target, ours, floor, $"{responses:N0} responses on the assessment");
    }
}
