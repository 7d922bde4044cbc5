using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Users;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.CrmTrackers;

public abstract class LeadsApiTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Creating_a_lead_stores_typed_custom_values_and_returns_them_typed_by_field_name()
    {
        var tracker = await App.TrackerAsync();
        var contact = await App.ContactAsync();
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);

        var response = await staff.PostAsJsonAsync("/api/v1/leads", new
        {
            title = "Big deal", trackerId = tracker.Id, contactId = contact.Id, status = "qualified", estimatedValue = 1234.5m, expectedCloseDate = "2027-03-15",
            fields = new Dictionary<string, object> { ["industry"] = "Tech", ["size"] = 250, ["source"] = new List<string> { "Web", "Event" }, ["vip"] = true, ["buyer_email"] = " Buyer@Example.COM ", ["start"] = "2027-01-02", ["mobile"] = "+1 650-253-0000" },
        }, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lead = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var fields = lead.GetProperty("fields");
        Assert.Equal("qualified", lead.GetProperty("status").GetString());
        Assert.Equal("Tech", fields.GetProperty("industry").GetString());
        Assert.Equal(250, fields.GetProperty("size").GetDecimal());
        Assert.Equal(JsonValueKind.True, fields.GetProperty("vip").ValueKind);
        Assert.Equal(["Web", "Event"], fields.GetProperty("source").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("buyer@example.com", fields.GetProperty("buyer_email").GetString());
        Assert.Equal("2027-01-02", fields.GetProperty("start").GetString());
        Assert.Equal("+16502530000", fields.GetProperty("mobile").GetString());

        var listed = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/leads?trackerId={tracker.Id}&fieldId={tracker.Field("source")}&fieldValue=Event", Ct);
        Assert.Single(listed.GetProperty("items").EnumerateArray());
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { """{ "status": "won" }""", "status" },
        { """{ "fields": { "size": "twelve" } }""", "fields.size" },
        { """{ "fields": { "industry": "Mining" } }""", "fields.industry" },
        { """{ "fields": { "source": "Web" } }""", "fields.source" },
        { """{ "fields": { "vip": "yes" } }""", "fields.vip" },
        { """{ "fields": { "buyer_email": "not-an-email" } }""", "fields.buyer_email" },
        { """{ "fields": { "start": "15/03/2027" } }""", "fields.start" },
        { """{ "fields": { "mobile": "12" } }""", "fields.mobile" },
        { """{ "fields": { "mobile": 6502530000 } }""", "fields.mobile" },
        { """{ "fields": { "industry": null } }""", "fields.industry" },
        { """{ "fields": { "nope": "x" } }""", "fields.nope" },
        { """{ "title": "TOO_LONG" }""", "title" },
        { """{ "estimatedValue": 100000000 }""", "estimatedValue" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_answers_400_naming_the_field_and_writes_nothing(string patch, string field)
    {
        var tracker = await App.TrackerAsync();
        var contact = await App.ContactAsync();
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>($$"""{ "title": "Lead", "trackerId": "{{tracker.Id}}", "contactId": "{{contact.Id}}", "fields": { "industry": "Retail" } }""")!;
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(patch.Replace("TOO_LONG", new string('x', 201), StringComparison.Ordinal))!)
        {
            body[key] = value;
        }
        var before = (await App.CountAsync<Lead>(), await App.CountAsync<LeadFieldValue>(), await App.WithDbAsync(db => db.Outbox.CountAsync()));

        var response = await staff.PostAsJsonAsync("/api/v1/leads", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, (await App.CountAsync<Lead>(), await App.CountAsync<LeadFieldValue>(), await App.WithDbAsync(db => db.Outbox.CountAsync())));
    }

    [Fact]
    public async Task Another_trackers_field_id_is_refused_and_nothing_changes()
    {
        var tracker = await App.TrackerAsync();
        var other = await App.TrackerAsync();
        var lead = await App.LeadAsync(tracker, await App.ContactAsync());
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var foreignField = other.Field("size").ToString();

        var response = await staff.PutAsJsonAsync($"/api/v1/leads/{lead.Id}", new { title = "Changed", contactId = lead.ContactId, fields = new Dictionary<string, object> { [foreignField] = 5 } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty($"fields.{foreignField}", out _), problem.ToString());
        Assert.Equal(lead.Title, await App.WithDbAsync(db => db.Set<Lead>().Where(l => l.Id == lead.Id).Select(l => l.Title).SingleAsync()));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<LeadFieldValue>().CountAsync(v => v.LeadId == lead.Id)));
    }

    [Fact]
    public async Task Unknown_status_is_refused_and_a_status_change_raises_an_event_with_old_and_new_status()
    {
        var tracker = await App.TrackerAsync();
        var lead = await App.LeadAsync(tracker, await App.ContactAsync());
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);

        var bad = await staff.PostAsJsonAsync($"/api/v1/leads/{lead.Id}/status", new { status = "won" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("status", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var ok = await staff.PostAsJsonAsync($"/api/v1/leads/{lead.Id}/status", new { status = "proposal" }, Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var events = await App.WithDbAsync(db => db.Outbox.Where(o => o.Type == "LeadStatusChanged" && o.Payload.Contains(lead.Id.ToString())).ToListAsync());
        var payload = JsonDocument.Parse(Assert.Single(events).Payload).RootElement;
        // Stored payloads name enums as the seed does, like the API and the database.
        Assert.Equal("new", payload.GetProperty("oldStatus").GetString());
        Assert.Equal("proposal", payload.GetProperty("newStatus").GetString());

        var history = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead.Id}/history", Ct);
        var last = history.EnumerateArray().Last();
        Assert.Equal("new", last.GetProperty("from").GetString());
        Assert.Equal("proposal", last.GetProperty("to").GetString());
        Assert.NotEqual(JsonValueKind.Null, last.GetProperty("userId").ValueKind);
    }

    [Fact]
    public async Task Created_and_assigned_events_are_written_with_the_lead()
    {
        var tracker = await App.TrackerAsync();
        var contact = await App.ContactAsync();
        var partner = await App.CreateUserAsync(UserRole.Partner);
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);

        var response = await staff.PostAsJsonAsync("/api/v1/leads", new { title = "Evented", trackerId = tracker.Id, contactId = contact.Id, assignedToId = partner.Id, fields = new { industry = "Health" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        var types = await App.WithDbAsync(db => db.Outbox.Where(o => o.Payload.Contains(id)).Select(o => o.Type).ToListAsync());
        Assert.Contains("LeadCreated", types);
        Assert.Contains("LeadAssigned", types);
        await App.DrainEventsAsync();
    }

    [Fact]
    public async Task A_fields_type_cannot_change_nor_an_option_in_use_be_removed_while_values_exist()
    {
        var tracker = await App.TrackerAsync();
        await App.LeadAsync(tracker, await App.ContactAsync(), industry: "Retail");
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var url = $"/api/v1/trackers/{tracker.Id}/fields/{tracker.Field("industry")}";

        var typeChange = await admin.PutAsJsonAsync(url, new { name = "industry", label = "Industry", type = "text", isRequired = true }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, typeChange.StatusCode);
        Assert.Contains("cannot change", await typeChange.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var removeUsed = await admin.PutAsJsonAsync(url, new { name = "industry", label = "Industry", type = "select", isRequired = true, options = new List<string> { "Tech", "Health" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, removeUsed.StatusCode);
        Assert.Contains("Retail", await removeUsed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var removeUnused = await admin.PutAsJsonAsync(url, new { name = "industry", label = "Sector", type = "select", isRequired = true, options = new List<string> { "Retail", "Tech" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, removeUnused.StatusCode);
        var field = await App.WithDbAsync(db => db.Set<CrmField>().SingleAsync(f => f.Id == tracker.Field("industry")));
        Assert.Equal(FieldType.Select, field.Type);
        Assert.Equal("Sector", field.Label);
    }

    [Fact]
    public async Task Field_options_must_be_a_json_array_of_distinct_non_empty_strings_and_names_unique_per_tracker()
    {
        var tracker = await App.TrackerAsync();
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var url = $"/api/v1/trackers/{tracker.Id}/fields";
        var before = await App.CountAsync<CrmField>();

        foreach (var options in new object?[] { null, "not json", new[] { "a", "a" }, new[] { "a", " " }, new object[] { 1, 2 } })
        {
            var response = await admin.PostAsJsonAsync(url, new { name = "tier", label = "Tier", type = "select", options }, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("options", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        var duplicate = await admin.PostAsJsonAsync(url, new { name = "industry", label = "Again", type = "text" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(before, await App.CountAsync<CrmField>());

        var created = await admin.PostAsJsonAsync(url, new { name = "tier", label = "Tier", type = "select", options = new List<string> { "Gold", "Silver" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Theory]
    [InlineData("value")]
    [InlineData("-value")]
    [InlineData("close")]
    [InlineData("-close")]
    [InlineData("title")]
    [InlineData("-created")]
    public async Task Keyset_pages_walk_every_lead_once_in_order_with_empty_values_last(string sort)
    {
        var tracker = await App.TrackerAsync();
        var contact = await App.ContactAsync();
        var day = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (value, close) in new (decimal?, int?)[] { (3m, 3), (1m, null), (null, 1), (2m, 2), (null, null), (2m, 5), (null, 4) })
        {
            await App.LeadAsync(tracker, contact, value: value, close: close is null ? null : day.AddDays(close.Value));
        }
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var seen = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/leads?trackerId={tracker.Id}&sort={sort}&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}", Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(7, seen.Select(l => l.GetProperty("id").GetString()).Distinct().Count());
        var desc = sort.StartsWith('-');
        var key = sort.TrimStart('-');
        var keys = seen.Select(l => key switch
        {
            "value" => l.GetProperty("estimatedValue").ValueKind == JsonValueKind.Null ? null : l.GetProperty("estimatedValue").GetDecimal().ToString("000000.00", System.Globalization.CultureInfo.InvariantCulture),
            "close" => l.GetProperty("expectedCloseDate").ValueKind == JsonValueKind.Null ? null : l.GetProperty("expectedCloseDate").GetDateTime().ToString("O"),
            "title" => l.GetProperty("title").GetString()!.ToLowerInvariant(),
            _ => l.GetProperty("createdAt").GetDateTime().ToString("O"),
        }).ToList();
        var withValues = keys.TakeWhile(k => k is not null).ToList();
        Assert.All(keys.Skip(withValues.Count), k => Assert.Null(k));
        var expected = desc ? withValues.OrderDescending(StringComparer.Ordinal) : withValues.Order(StringComparer.Ordinal);
        Assert.Equal(expected, withValues);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_trackers_and_leads_endpoints()
    {
        var client = await App.ApiClientAsync(null);
        var document = await client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/leads/{id}/status", document, StringComparison.Ordinal);
        Assert.Contains("/api/v1/trackers/{id}/report", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fields_can_be_reordered_and_a_partial_order_is_refused()
    {
        var tracker = await App.TrackerAsync();
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var ids = tracker.Fields.OrderBy(f => f.SortOrder).Select(f => f.Id).Reverse().ToList();

        var partial = await admin.PostAsJsonAsync($"/api/v1/trackers/{tracker.Id}/fields/reorder", new { fieldIds = ids.Skip(1) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        var ok = await admin.PostAsJsonAsync($"/api/v1/trackers/{tracker.Id}/fields/reorder", new { fieldIds = ids }, Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var fields = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/trackers/{tracker.Id}/fields", Ct);
        Assert.Equal(ids.Select(i => i.ToString()), fields.EnumerateArray().Select(f => f.GetProperty("id").GetString()));
    }
}

public sealed class LeadsApiTestsOnSqlite(SqliteApp app) : LeadsApiTests(app), IClassFixture<SqliteApp>;

public sealed class LeadsApiTestsOnPostgres(PostgresApp app) : LeadsApiTests(app), IClassFixture<PostgresApp>;
