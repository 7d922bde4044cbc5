using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Features.Imports;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Contacts;

/// <summary>
/// Stands in for another module's merge participant (leads, responses…): records that it ran inside the merge's
/// transaction, and throws for the merged contacts a test names.
/// </summary>
public sealed class TestMergeParticipant : IContactMergeParticipant
{
    public static readonly ConcurrentDictionary<Guid, bool> Moves = new();
    public static readonly ConcurrentDictionary<Guid, bool> FailFor = new();

    public string Title => "Test rows";

    public Task<int> CountAsync(CrmDbContext db, Guid contactId, CancellationToken ct) => Task.FromResult(0);

    public Task MoveAsync(CrmDbContext db, Guid fromContactId, Guid toContactId, CancellationToken ct)
    {
        if (FailFor.ContainsKey(fromContactId))
        {
            throw new InvalidOperationException("The test participant refused the merge.");
        }
        Moves[fromContactId] = db.Database.CurrentTransaction is not null;
        return Task.CompletedTask;
    }
}

public sealed class ContactToolsSqliteApp : SqliteApp
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddScoped<IContactScope, TestContactScope>();
        services.AddScoped<IContactMergeParticipant, TestMergeParticipant>();
        // Small batches, so every import test crosses batch boundaries.
        services.Configure<ContactImportOptions>(o => o.BatchSize = 2);
    }
}

public sealed class ContactToolsPostgresApp : PostgresApp
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddScoped<IContactScope, TestContactScope>();
        services.AddScoped<IContactMergeParticipant, TestMergeParticipant>();
        // Small batches, so every import test crosses batch boundaries.
        services.Configure<ContactImportOptions>(o => o.BatchSize = 2);
    }
}

public static class ImportData
{
    public static MultipartFormDataContent Form(string csv, string? policy = null, string? mapping = null, bool bom = false)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new("text/csv");
        form.Add(file, "file", "contacts.csv");
        if (policy is not null)
        {
            form.Add(new StringContent(policy), "policy");
        }
        if (mapping is not null)
        {
            form.Add(new StringContent(mapping), "mapping");
        }
        return form;
    }

    /// <summary>Uploads and waits for the background import to finish; returns the job.</summary>
    public static async Task<JsonElement> ImportAsync(HttpClient client, string csv, string? policy = null, bool bom = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await client.PostAsync("/api/v1/contacts/imports", Form(csv, policy, bom: bom), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Import answered {(int)response.StatusCode}: {text}");
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        for (var i = 0; i < 300; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/imports/{id}", ct);
            if (job.GetProperty("status").GetString() is "completed" or "failed")
            {
                return job;
            }
            await Task.Delay(100, ct);
        }
        throw new TimeoutException("The import did not finish in 30 s.");
    }
}
