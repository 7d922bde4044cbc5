using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrmPlatform.Bench.Load;

namespace CrmPlatform.Bench.Scenarios;

/// <summary>
/// 100,000 new contacts (10,000 in quick mode) as a CSV through POST /api/v1/contacts/imports, timed until the job
/// completes (issue 3: &lt; 30 s); the floor is a bulk insert of the same rows.
/// </summary>
internal sealed class ContactImportScenario : IScenario
{
    public const int FullRows = 100_000;

    public string Name => "contacts-import-csv";
    public string Target => "100k rows < 30 s";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var rows = context.Options.Quick ? FullRows / 10 : FullRows;
        var csv = new StringBuilder("name,email,phone,location,type,company,designation\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInvariant($"Imported Person {i},imported.{i}@import.example,+1650{2_000_000 + i},Leeds,employee,Import Co {i % 500},Analyst\n"));
        }
        string? status = null;
        var ours = await LoadRunner.TimeAsync(async () =>
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
            file.Headers.ContentType = new("text/csv");
            form.Add(file, "file", "bench.csv");
            form.Add(new StringContent("skip"), "policy");
            var response = await context.Api.PostAsync("api/v1/contacts/imports", form, ct);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Console.Error.WriteLine(await response.Content.ReadAsStringAsync(ct));
                return false;
            }
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
            while (true)
            {
                await Task.Delay(200, ct);
                var job = await context.Api.GetFromJsonAsync<JsonElement>($"api/v1/contacts/imports/{id}", ct);
                status = job.GetProperty("status").GetString();
                if (status is "completed" or "failed")
                {
                    return status == "completed" && job.GetProperty("createdCount").GetInt32() == rows;
                }
            }
        }, rows);

        var now = DateTime.UtcNow;
        var raw = await LoadRunner.TimeAsync(async () =>
        {
            await context.Database.WriteAsync("contacts",
                ["id", "name", "contact_no", "email_id", "location", "type", "company", "designation", "normalized_name", "normalized_company", "created_at", "updated_at"],
                Enumerable.Range(0, rows).Select(i => new object?[]
                {
                    Guid.CreateVersion7(), $"Raw Person {i}", CultureInvariant($"+1651{2_000_000 + i}"), $"raw.{i}@import.example", "Leeds", "employee",
                    $"Import Co {i % 500}", "Analyst", $"raw person {i}", $"import co {i % 500}", now, now,
                }), ct);
            return true;
        }, rows);
        return new ScenarioResult(Name, Target, ours, raw, $"{rows:N0} rows, job {status}; times are for the whole run");
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}

/// <summary>What the contact page reads: the contact, its notes and its activities (three API calls per operation).</summary>
internal sealed class ContactPageScenario : IScenario
{
    public string Name => "contact-page";
    public string Target => "p99 < 100 ms";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var ids = (Guid[])context.Data.Shared["contactIds"];
        var operations = context.Operations(1000);
        var ours = await LoadRunner.RunAsync(operations, 4, async i =>
        {
            var id = ids[(i * 7919) % ids.Length];
            var contact = context.Api.GetAsync($"api/v1/contacts/{id}", ct);
            var notes = context.Api.GetAsync($"api/v1/contacts/{id}/notes", ct);
            var activities = context.Api.GetAsync($"api/v1/contacts/{id}/activities", ct);
            return (await contact).IsSuccessStatusCode && (await notes).IsSuccessStatusCode && (await activities).IsSuccessStatusCode;
        }, ct);
        var floor = await context.RawQueryAsync(operations, 4, i => (
            "SELECT * FROM contacts WHERE id = @p0; SELECT * FROM contact_notes WHERE contact_id = @p0 ORDER BY created_at DESC LIMIT 50; SELECT * FROM contact_activities WHERE contact_id = @p0 LIMIT 50",
            [Key(context, ids[(i * 7919) % ids.Length])]), ct);
        return new ScenarioResult(Name, Target, ours, floor);
    }

    /// <summary>SQLite stores UUIDs as upper-case text; PostgreSQL as uuid.</summary>
    private static object Key(BenchContext context, Guid id) =>
        context.Database.Provider == Core.Data.DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;
}
