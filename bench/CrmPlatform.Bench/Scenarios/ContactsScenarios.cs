using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Bench.Load;

namespace CrmPlatform.Bench.Scenarios;

/// <summary>The contacts list and searches through /api/v1/contacts against the raw keyset query (issue 3: &lt; 100 ms).</summary>
internal sealed class ContactsListScenario(string name, Func<BenchContext, int, string> url, Func<BenchContext, int, (string, object[])> raw) : IScenario
{
    private const string Columns = "id, name, contact_no, email_id, location, type, company, designation, industry, website, personality_type, category_id, created_by_id, created_at, updated_at";

    public string Name => name;
    public string Target => "p99 < 100 ms";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var operations = context.Operations(1000);
        var ours = await LoadRunner.RunAsync(operations, 4, async i => (await context.Api.GetAsync(url(context, i), ct)).StatusCode == HttpStatusCode.OK, ct);
        var floor = await context.RawQueryAsync(operations, 4, i => raw(context, i), ct);
        return new ScenarioResult(Name, Target, ours, floor);
    }

    private static string Email(BenchContext context, int i)
    {
        var emails = (string[])context.Data.Shared["contactEmails"];
        return emails[(i * 7919) % emails.Length];
    }

    public static IEnumerable<IScenario> All()
    {
        yield return new ContactsListScenario("contacts-list-first", (_, _) => "api/v1/contacts?limit=50",
            (_, _) => ($"SELECT {Columns} FROM contacts WHERE deleted_at IS NULL ORDER BY normalized_name, id LIMIT 51", []));
        yield return new DeepPageScenario();
        yield return new ContactsListScenario("contacts-search-email", (c, i) => $"api/v1/contacts?limit=50&q={Uri.EscapeDataString(Email(c, i))}",
            (c, i) => ($"SELECT {Columns} FROM contacts WHERE deleted_at IS NULL AND email_id = @p0 ORDER BY normalized_name, id LIMIT 51", [Email(c, i)]));
        yield return new ContactsListScenario("contacts-search-name", (_, i) => $"api/v1/contacts?limit=50&q={Uri.EscapeDataString(Generation.Names.First[i % Generation.Names.First.Length] + " " + Generation.Names.Last[i % 7])}",
            (_, i) => ($"SELECT {Columns} FROM contacts WHERE deleted_at IS NULL AND normalized_name LIKE @p0 ORDER BY normalized_name, id LIMIT 51", [(Generation.Names.First[i % Generation.Names.First.Length] + " " + Generation.Names.Last[i % 7]).ToLowerInvariant() + "%"]));
        yield return new ContactsListScenario("contacts-search-company", (_, i) => $"api/v1/contacts?limit=50&q={Uri.EscapeDataString(Generation.Names.CompanyStem[i % Generation.Names.CompanyStem.Length])}",
            (_, i) => ($"SELECT {Columns} FROM contacts WHERE deleted_at IS NULL AND normalized_company LIKE @p0 ORDER BY normalized_name, id LIMIT 51", [Generation.Names.CompanyStem[i % Generation.Names.CompanyStem.Length].ToLowerInvariant() + "%"]));
    }

    /// <summary>A page far into the list: walk the cursors once, then fetch that page repeatedly.</summary>
    private sealed class DeepPageScenario : IScenario
    {
        public string Name => "contacts-list-deep";
        public string Target => "p99 < 100 ms";

        public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
        {
            string? cursor = null;
            var pages = context.Options.Quick ? 10 : 200;
            for (var page = 0; page < pages; page++)
            {
                using var document = JsonDocument.Parse(await context.Api.GetStringAsync($"api/v1/contacts?limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", ct));
                cursor = document.RootElement.GetProperty("nextCursor").GetString();
                if (cursor is null)
                {
                    break;
                }
            }
            var url = $"api/v1/contacts?limit=50{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}";
            var operations = context.Operations(1000);
            var ours = await LoadRunner.RunAsync(operations, 4, async _ => (await context.Api.GetAsync(url, ct)).StatusCode == HttpStatusCode.OK, ct);
            var offset = pages * 200;
            // The floor is the same keyset query from the boundary row, found once beforehand.
            object boundaryName, boundaryId;
            await using (var connection = context.Database.Open())
            {
                await connection.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT normalized_name, id FROM contacts WHERE deleted_at IS NULL ORDER BY normalized_name, id LIMIT 1 OFFSET {offset}";
                await using var reader = await command.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                boundaryName = reader.GetValue(0);
                boundaryId = reader.GetValue(1);
            }
            var floor = await context.RawQueryAsync(operations, 4, _ => ($"SELECT {Columns} FROM contacts WHERE deleted_at IS NULL AND (normalized_name > @p0 OR (normalized_name = @p0 AND id > @p1)) ORDER BY normalized_name, id LIMIT 51", [boundaryName, boundaryId]), ct);
            return new ScenarioResult(Name, Target, ours, floor, $"page after {offset:N0} rows");
        }
    }
}
