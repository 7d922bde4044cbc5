using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Assessments;
using CrmPlatform.Tests.CrmTrackers;
using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Tests.Questionnaires;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Security;

/// <summary>The host for the hostile-input walk: limits lifted (one test client sends thousands of requests).</summary>
public sealed class HostileSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PublicForms:PermitLimit", "1000000");
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "1000000");
    }
}

public sealed class HostilePostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PublicForms:PermitLimit", "1000000");
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "1000000");
    }
}

/// <summary>
/// Walks every API operation of the OpenAPI document and every public form, sending generated bad input: wrong types,
/// nulls, huge strings and arrays, deep JSON, invalid UTF-8, unknown enum values, ids of nothing or of rows the caller
/// may not touch, script and SQL fragments. Nothing may answer 500 or show an exception; changes are refused with a
/// 4xx; and no row of any table changes.
/// </summary>
public abstract class HostileInputTests(CrmApp app) : IntegrationTest(app)
{
    private static readonly string[] Strings =
    [
        "<script>alert(1)</script>", "' OR 1=1; DROP TABLE contacts; --", "\"; DELETE FROM users; --", new string('x', 20_000),
        "zz_unknown_enum", "-1", "99999999999999999999", "1e309", "NaN", "0001-01-01", "\u0000\u202e\ud83d\ude00", "../../etc/passwd", "%00", "{{7*7}}",
    ];

    private static readonly string[] QueryValues =
    [
        "<script>alert(1)</script>", "' OR 1=1; DROP TABLE contacts; --", new string('x', 20_000), "zz_unknown_enum", "-1",
        "99999999999999999999", "NaN", "0001-01-01", "not-a-guid", "\u0000\u202e",
    ];

    private static readonly string[] Ids = [Guid.Empty.ToString(), "not-a-guid", "1", "-1"];

    private sealed record Call(string Method, string Url, HttpContent? Content, bool Mutates);

    [Fact]
    public async Task Every_api_operation_refuses_hostile_input_without_a_500_or_a_change()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var partner = await App.ApiClientAsync(UserRole.Partner);
        var document = JsonNode.Parse(await admin.GetStringAsync("/openapi/v1.json", Ct))!;
        var realIds = await RealIdsAsync();
        var calls = new List<(HttpClient Client, Call Call)>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                if (method is "parameters" || operationNode is not JsonObject operation)
                {
                    continue;
                }
                var verb = method.ToUpperInvariant();
                foreach (var call in Generate(document, path, verb, operation, realIds))
                {
                    calls.Add((admin, call));
                }
                // Other users' rows: a partner (who sees only assigned leads) with real ids of rows that are not theirs.
                if (path.Contains('{', StringComparison.Ordinal))
                {
                    foreach (var id in realIds)
                    {
                        calls.Add((partner, new Call(verb, FillPath(path, id), verb is "GET" or "DELETE" ? null : Json("{}"), verb != "GET")));
                    }
                }
            }
        }
        Assert.True(calls.Count > 300, $"Only {calls.Count} calls generated: is the OpenAPI walk broken?");
        await RunAsync(calls);
    }

    [Fact]
    public async Task Public_forms_and_sign_in_forms_refuse_hostile_input_without_a_500_or_a_change()
    {
        var assessment = await SampleAssessment.CreateAsync(App, withEssay: true);
        var questionnaire = await SampleQuestionnaire.CreateAsync(App);
        var browser = await App.ScreenClientAsync(null);
        var calls = new List<(HttpClient, Call)>();
        foreach (var page in new[] { $"/a/{assessment.Slug}", $"/q/{questionnaire.Slug}", "/login", "/forgot-password", "/reset-password", "/login/two-factor" })
        {
            // The second sign-in step redirects without a first step: its fields are known, the token is the login page's.
            var html = page == "/login/two-factor"
                ? await browser.GetStringAsync("/login", Ct) + "name=\"Input.Code\" name=\"Input.RecoveryCode\""
                : await browser.GetStringAsync(page, Ct);
            var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            var fields = System.Text.RegularExpressions.Regex.Matches(html, "name=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
                .Where(n => n != "__RequestVerificationToken").Distinct().ToList();
            foreach (var value in Strings)
            {
                var form = fields.Select(f => new KeyValuePair<string, string>(f, value)).Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token))).ToList();
                calls.Add((browser, new Call("POST", page, new FormUrlEncodedContent(form), true)));
            }
            // Without the antiforgery token; with a huge number of fields; with a body that is not a form at all.
            calls.Add((browser, new Call("POST", page, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f, "x"))), true)));
            calls.Add((browser, new Call("POST", page, new FormUrlEncodedContent(Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>($"f{i}", "x"))), true)));
            calls.Add((browser, new Call("POST", page, Json("{\"Email\": [1,2,3]}"), true)));
            calls.Add((browser, new Call("POST", page, new ByteArrayContent([0xC3, 0x28, 0xFF, 0xFE]) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } }, true)));
        }
        foreach (var slug in Strings.Take(6).Concat(Ids))
        {
            foreach (var prefix in new[] { "/a/", "/q/" })
            {
                calls.Add((browser, new Call("GET", prefix + Uri.EscapeDataString(slug), null, false)));
                calls.Add((browser, new Call("GET", prefix + Uri.EscapeDataString(slug) + (prefix == "/a/" ? "/result?r=" : "/thanks?r=") + Uri.EscapeDataString(slug), null, false)));
            }
        }
        await RunAsync(calls);
    }

    private async Task RunAsync(List<(HttpClient Client, Call Call)> calls)
    {
        var before = await SnapshotAsync();
        var failures = new List<string>();
        foreach (var (client, call) in calls)
        {
            using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Url) { Content = call.Content };
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, Ct);
            }
            catch (InvalidOperationException ex)
            {
                failures.Add($"{call.Method} {Short(call.Url)}: the request could not be sent ({ex.Message})");
                continue;
            }
            var body = await response.Content.ReadAsStringAsync(Ct);
            var code = (int)response.StatusCode;
            var what = $"{call.Method} {Short(call.Url)} {Short(call.Content is null ? "" : await call.Content.ReadAsStringAsync(Ct))}";
            if (code >= 500)
            {
                failures.Add($"{what}: answered {code}: {Short(body)}");
            }
            else if (body.Contains("   at ", StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(body, @"\b(System|Microsoft)\.[A-Za-z.]*Exception\b"))
            {
                failures.Add($"{what}: shows an exception: {Short(body)}");
            }
            else if (call.Mutates && call.Url.StartsWith("/api/", StringComparison.Ordinal) && code is < 400 or >= 500)
            {
                failures.Add($"{what}: a hostile change answered {code}, expected a 4xx");
            }
        }
        var after = await SnapshotAsync();
        foreach (var (table, value) in before)
        {
            if (after.TryGetValue(table, out var now) && now != value)
            {
                failures.Add($"table {table} changed: {value} → {now}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls.Count} calls misbehaved:\n" + string.Join("\n", failures.Take(60)));
    }

    private static string Short(string text) => text.Length > 160 ? text[..160] + "…" : text;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string FillPath(string path, string value) => System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", Uri.EscapeDataString(value));

    private IEnumerable<Call> Generate(JsonNode document, string path, string verb, JsonObject operation, IReadOnlyList<string> realIds)
    {
        var mutates = verb is not ("GET" or "HEAD");
        var parameters = operation["parameters"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var url = FillPath(path, Guid.NewGuid().ToString());
        // Path: ids of nothing, malformed ids, and hostile strings where the route takes text.
        if (path.Contains('{', StringComparison.Ordinal))
        {
            foreach (var id in Ids.Concat(Strings.Take(4)))
            {
                yield return new Call(verb, FillPath(path, id), mutates ? Json("{}") : null, mutates);
            }
        }
        // Query: each parameter gets every hostile value (wrong type, huge, unknown enum, script, SQL).
        foreach (var parameter in parameters.Where(p => (string?)p["in"] == "query"))
        {
            var name = (string)parameter["name"]!;
            foreach (var value in QueryValues)
            {
                yield return new Call(verb, $"{url}?{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}", mutates ? Json("{}") : null, mutates);
            }
            yield return new Call(verb, $"{url}?{string.Join("&", Enumerable.Range(0, 200).Select(_ => Uri.EscapeDataString(name) + "=1"))}", mutates ? Json("{}") : null, mutates);
        }
        if (!mutates)
        {
            yield break;
        }
        var content = operation["requestBody"]?["content"]?.AsObject();
        if (content is not null && content.ContainsKey("multipart/form-data"))
        {
            foreach (var bytes in new[] { "name,email\n<script>,'; DROP TABLE x;--\n"u8.ToArray(), [0xC3, 0x28, 0xFF, 0x00], [] })
            {
                var multipart = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "x.csv" }, { new StringContent("{\"a\":"), "mapping" }, { new StringContent("zz_unknown"), "policy" } };
                yield return new Call(verb, url, multipart, true);
            }
            yield return new Call(verb, url, Json("{}"), true);
            yield break;
        }
        // Bodies that are not what the operation takes.
        foreach (var raw in new[] { "null", "[]", "\"text\"", "42", "{\"a\":", "{}", new string('[', 5000) + new string(']', 5000), "{\"a\":" + new string('{', 200) })
        {
            yield return new Call(verb, url, Json(raw), true);
        }
        yield return new Call(verb, url, new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, true);
        yield return new Call(verb, url, new StringContent("name=x", Encoding.UTF8, "text/plain"), true);
        // Each property of the schema with each hostile value, the others left out. A string property gets only values no
        // string field accepts (huge, wrong type); script, SQL, unknown enum names and someone else's id go to properties
        // of other types, and into text fields combined with a length no field allows, so no generated body is valid.
        var schema = Resolve(document, content?["application/json"]?["schema"]);
        foreach (var (property, propertySchema) in schema?["properties"]?.AsObject() ?? [])
        {
            // The document leaves "type" out of strings that carry a length rule (maxLength/minLength only).
            var p = Resolve(document, propertySchema);
            var type = p?["type"]?.ToJsonString();
            var isText = p is not null && p["format"] is null && p["enum"] is null
                && (type?.Contains("string", StringComparison.Ordinal) == true || (type is null && (p["maxLength"] is not null || p["minLength"] is not null)));
            var values = new List<JsonNode?>
            {
                null, JsonValue.Create(new string('x', 30_000)), JsonValue.Create("<script>alert(1)</script>" + new string('x', 30_000)),
                JsonValue.Create("nul\u0000inside"), JsonValue.Create(-1), JsonValue.Create(long.MaxValue), JsonValue.Create(1.5e300), JsonValue.Create(true),
                new JsonArray(Enumerable.Range(0, 5_000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()), new JsonObject { ["x"] = "' OR 1=1 --" },
            };
            if (!isText)
            {
                values.AddRange([JsonValue.Create("<script>alert(1)</script>"), JsonValue.Create("' OR 1=1; --"), JsonValue.Create("zz_unknown_enum"), JsonValue.Create(realIds.Count > 0 ? realIds[0] : "x")]);
            }
            foreach (var value in values)
            {
                yield return new Call(verb, url, Json(new JsonObject { [property] = value?.DeepClone() }.ToJsonString()), true);
            }
        }
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        for (var i = 0; i < 5 && schema?["$ref"] is JsonValue reference; i++)
        {
            var parts = ((string)reference!).TrimStart('#', '/').Split('/');
            schema = parts.Aggregate<string, JsonNode?>(document, (node, part) => node?[part]);
        }
        return schema;
    }

    /// <summary>Ids of existing rows (a contact, a lead, a user): what "someone else's id" looks like.</summary>
    private async Task<IReadOnlyList<string>> RealIdsAsync()
    {
        var contact = await App.ContactAsync();
        var tracker = await App.TrackerAsync();
        var lead = await App.LeadAsync(tracker, contact);
        var other = await App.CreateUserAsync(UserRole.InternalStaff);
        return [contact.Id.ToString(), lead.Id.ToString(), other.Id.ToString(), tracker.Id.ToString()];
    }

    /// <summary>Per table: the row count and the newest <c>updated_at</c> (api tokens excluded: using one stamps it).</summary>
    private Task<Dictionary<string, string>> SnapshotAsync() => App.WithDbAsync(async db =>
    {
        var snapshot = new Dictionary<string, string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null).DistinctBy(e => e.GetTableName()))
        {
            var table = entity.GetTableName()!;
            var updated = entity.FindProperty("UpdatedAt")?.GetColumnName();
            await using var command = connection.CreateCommand();
            command.CommandText = table switch
            {
                "api_tokens" => "SELECT COUNT(*), '' FROM api_tokens",
                // Using a token stamps it once a minute, and that stamp is audited.
                "audit_log" => "SELECT COUNT(*), '' FROM audit_log WHERE entity_type <> 'ApiToken'",
                _ when updated is null => $"SELECT COUNT(*), '' FROM \"{table}\"",
                _ => $"SELECT COUNT(*), MAX(\"{updated}\") FROM \"{table}\"",
            };
            await using DbDataReader reader = await command.ExecuteReaderAsync(Ct);
            await reader.ReadAsync(Ct);
            snapshot[table] = $"{reader.GetValue(0)} rows, updated {reader.GetValue(1)}";
        }
        return snapshot;
    });
}

public sealed class HostileInputTestsOnSqlite(HostileSqliteApp app) : HostileInputTests(app), IClassFixture<HostileSqliteApp>;

public sealed class HostileInputTestsOnPostgres(HostilePostgresApp app) : HostileInputTests(app), IClassFixture<HostilePostgresApp>;
