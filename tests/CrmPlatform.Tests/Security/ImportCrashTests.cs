using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using CrmPlatform.Contacts;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Security;

/// <summary>
/// A CSV import killed with SIGKILL mid-file: every committed batch is whole (contacts, their ContactCreated events and
/// the job's progress agree), the restarted host resumes after the last committed batch and finishes with every row
/// once, and importing the same file again changes nothing.
/// </summary>
public sealed class ImportCrashTests
{
    private const int Rows = 20_000;
    private const int BatchSize = 250;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Contacts__Import__BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Contacts__Import__PollSeconds"] = "1",
        // The killed node's lease on the job must run out before the restarted node (a new node id) may claim it.
        ["Contacts__Import__LeaseSeconds"] = "3",
    };

    private static string Csv(string tag)
    {
        var csv = new StringBuilder("Full Name,Email,Phone,City,Type\n");
        for (var i = 0; i < Rows; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Person {i},{tag}-{i}@crash.local,+1415{2_000_000 + i},Leeds,employee\n");
        }
        return csv.ToString();
    }

    private static async Task<JsonElement> StartImportAsync(HttpClient client, string csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new("text/csv");
        form.Add(file, "file", "crash.csv");
        form.Add(new StringContent("skip"), "policy");
        var response = await client.PostAsync("api/v1/contacts/imports", form, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private sealed record State(int Contacts, int Events, int DistinctEventContacts, ContactImportJob Job);

    private static async Task<State> ReadAsync(ExternalDatabase database, Guid jobId, string tag)
    {
        await using var db = database.CreateDbContext();
        var contacts = await db.Set<Contact>().CountAsync(c => c.EmailId.StartsWith(tag), Ct);
        var events = await db.Outbox.AsNoTracking().Where(o => o.Type == nameof(ContactCreated) && o.Payload.Contains(tag)).Select(o => o.Payload).ToListAsync(Ct);
        var distinct = events.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("contactId").GetGuid()).Distinct().Count();
        var job = await db.Set<ContactImportJob>().AsNoTracking().SingleAsync(j => j.Id == jobId, Ct);
        return new State(contacts, events.Count, distinct, job);
    }

    [Fact]
    public async Task Import_killed_mid_file_keeps_whole_batches_resumes_and_reruns_safely()
    {
        var tag = "crash" + Guid.NewGuid().ToString("N")[..8];
        await using var database = await ExternalDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var first = await ExternalHost.StartAsync(database, Settings);
        var token = await database.CreateTokenAsync(CrmApp.AdminEmail);
        var csv = Csv(tag);
        Guid jobId;
        using (var client = first.CreateClient(token))
        {
            jobId = (await StartImportAsync(client, csv)).GetProperty("id").GetGuid();
        }

        // Kill as soon as the first batches are committed, well before the file is done.
        var watch = Stopwatch.StartNew();
        State seen;
        do
        {
            await Task.Delay(10, Ct);
            seen = await ReadAsync(database, jobId, tag);
        }
        while (seen.Job.CreatedCount < BatchSize && watch.Elapsed < TimeSpan.FromMinutes(2));
        await first.KillAsync();
        await first.DisposeAsync();

        var killed = await ReadAsync(database, jobId, tag);
        Assert.True(killed.Job.ProcessedRows < Rows, $"The import finished ({killed.Job.ProcessedRows} rows) before the kill: make the file bigger.");
        Assert.True(killed.Contacts > 0);
        Assert.Equal(0, killed.Contacts % BatchSize);
        Assert.Equal(killed.Contacts, killed.Job.CreatedCount);
        Assert.Equal(killed.Contacts, killed.Job.ProcessedRows);
        Assert.Equal(killed.Contacts, killed.Events);
        Assert.Equal(killed.Contacts, killed.DistinctEventContacts);

        await using var second = await ExternalHost.StartAsync(database, Settings);
        using var again = second.CreateClient(token);
        var done = await WaitFinishedAsync(database, jobId, tag);
        Assert.Equal("completed", done.Job.Status.ToString().ToLowerInvariant());
        Assert.Equal(Rows, done.Contacts);
        Assert.Equal(Rows, done.Job.ProcessedRows);
        Assert.Equal(Rows, done.Job.CreatedCount);
        Assert.Equal(0, done.Job.RejectedCount);
        Assert.Equal(Rows, done.Events);
        Assert.Equal(Rows, done.DistinctEventContacts);

        // Importing the same file again is safe: every row is a duplicate and skipped.
        var rerunId = (await StartImportAsync(again, csv)).GetProperty("id").GetGuid();
        var rerun = await WaitFinishedAsync(database, rerunId, tag);
        Assert.Equal(0, rerun.Job.CreatedCount);
        Assert.Equal(Rows, rerun.Job.SkippedCount);
        Assert.Equal(Rows, rerun.Contacts);
        Assert.Equal(Rows, rerun.Events);
    }

    private static async Task<State> WaitFinishedAsync(ExternalDatabase database, Guid jobId, string tag)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var state = await ReadAsync(database, jobId, tag);
            if (state.Job.Status is ImportStatus.Completed or ImportStatus.Failed || watch.Elapsed > TimeSpan.FromMinutes(3))
            {
                return state;
            }
            await Task.Delay(200, Ct);
        }
    }
}
