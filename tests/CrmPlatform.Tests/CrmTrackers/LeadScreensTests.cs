using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrmPlatform.Core.Users;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.CrmTrackers;

public abstract partial class LeadScreensTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Staff_builds_a_tracker_on_screen_fails_a_required_field_fixes_it_moves_the_lead_and_sees_the_report_change()
    {
        var (_, api, screens) = await App.ClientsAsync(UserRole.InternalStaff);
        var contact = await App.ContactAsync();

        var created = await CrmApp.PostFormAsync(screens, "/admin/trackers/edit?handler=Save", new() { ["Input.Name"] = "Screen tracker", ["Input.IsActive"] = "true" }, "/admin/trackers/edit");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var trackerId = Guid.Parse(created.Headers.Location!.ToString().Split('/')[^1]);
        foreach (var (name, type, options, required) in new[] { ("industry", "select", "Retail\nTech", "true"), ("seats", "number", "", "false"), ("renewal", "date", "", "false") })
        {
            var field = await CrmApp.PostFormAsync(screens, $"/admin/trackers/{trackerId}/fields", new() { ["Form.Name"] = name, ["Form.Label"] = name.ToUpperInvariant(), ["Form.Type"] = type, ["Form.Options"] = options, ["Form.IsRequired"] = required });
            Assert.Equal(HttpStatusCode.Redirect, field.StatusCode);
        }

        var form = new Dictionary<string, string> { ["trackerId"] = trackerId.ToString(), ["Form.Title"] = "Screen lead", ["Form.ContactEmail"] = contact.EmailId, ["Form.Status"] = "new", ["Form.EstimatedValue"] = "5000", ["cf.seats"] = "12" };
        var failed = await CrmApp.PostFormAsync(screens, $"/admin/leads/new?trackerId={trackerId}", new(form));
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Contains("INDUSTRY is required.", await failed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<Lead>().CountAsync(l => l.TrackerId == trackerId)));

        form["cf.industry"] = "Tech";
        var saved = await CrmApp.PostFormAsync(screens, $"/admin/leads/new?trackerId={trackerId}", new(form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var leadId = Guid.Parse(saved.Headers.Location!.ToString().Split('/')[^1]);
        var page = await screens.GetStringAsync($"/admin/leads/{leadId}", Ct);
        Assert.Contains("Tech", page, StringComparison.Ordinal);

        var before = await api.GetFromJsonAsync<JsonElement>($"/api/v1/trackers/{trackerId}/report", Ct);
        Assert.Equal(1, Status(before, "new"));

        // What board.js sends when a card is dropped in another column.
        var boardPage = await screens.GetStringAsync($"/admin/trackers/{trackerId}/board", Ct);
        var token = WebUtility.HtmlDecode(Token().Match(boardPage).Groups[1].Value);
        using var move = new HttpRequestMessage(HttpMethod.Post, $"/admin/trackers/{trackerId}/board?handler=Move")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["leadId"] = leadId.ToString(), ["status"] = "negotiation" }),
        };
        move.Headers.Add("RequestVerificationToken", token);
        move.Headers.Add("X-Requested-With", "fetch");
        Assert.Equal(HttpStatusCode.NoContent, (await screens.SendAsync(move, Ct)).StatusCode);

        var after = await api.GetFromJsonAsync<JsonElement>($"/api/v1/trackers/{trackerId}/report", Ct);
        Assert.Equal(0, Status(after, "new"));
        Assert.Equal(1, Status(after, "negotiation"));
        Assert.Contains("Negotiation", await screens.GetStringAsync($"/admin/leads/{leadId}", Ct), StringComparison.Ordinal);
        Assert.Contains("data-chart", await screens.GetStringAsync($"/admin/trackers/{trackerId}/report", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_in_text_is_stored_as_typed_and_rendered_encoded()
    {
        var tracker = await App.TrackerAsync();
        var contact = await App.ContactAsync();
        var (_, api, screens) = await App.ClientsAsync(UserRole.InternalStaff);
        const string script = "<script>alert('x')</script>";

        var response = await api.PostAsJsonAsync("/api/v1/leads", new { title = script, description = script, trackerId = tracker.Id, contactId = contact.Id, fields = new { industry = "Retail" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/leads/{id}/notes", new { content = script }, Ct)).StatusCode);

        Assert.Equal(script, await App.WithDbAsync(db => db.Set<Lead>().Where(l => l.Title == script).Select(l => l.Description).SingleAsync()));
        foreach (var url in new[] { $"/admin/leads/{id}", $"/admin/trackers/{tracker.Id}/board", $"/admin/trackers/{tracker.Id}/leads" })
        {
            var html = await screens.GetStringAsync(url, Ct);
            Assert.DoesNotContain(script, html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_lead_page_shows_contact_fields_notes_and_status_history()
    {
        var tracker = await App.TrackerAsync();
        var contact = await App.ContactAsync();
        var lead = await App.LeadAsync(tracker, contact, industry: "Health");
        var (_, _, screens) = await App.ClientsAsync(UserRole.InternalStaff);

        Assert.Equal(HttpStatusCode.Redirect, (await CrmApp.PostFormAsync(screens, $"/admin/leads/{lead.Id}?handler=Status", new() { ["status"] = "contacted" }, $"/admin/leads/{lead.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CrmApp.PostFormAsync(screens, $"/admin/leads/{lead.Id}?handler=AddNote", new() { ["content"] = "First call went well" }, $"/admin/leads/{lead.Id}")).StatusCode);
        var empty = await CrmApp.PostFormAsync(screens, $"/admin/leads/{lead.Id}?handler=AddNote", new() { ["content"] = " " }, $"/admin/leads/{lead.Id}");
        Assert.Contains("Content is required.", await empty.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var page = await screens.GetStringAsync($"/admin/leads/{lead.Id}", Ct);
        Assert.Contains(contact.Name, page, StringComparison.Ordinal);
        Assert.Contains("Health", page, StringComparison.Ordinal);
        Assert.Contains("First call went well", page, StringComparison.Ordinal);
        Assert.Contains("New → Contacted", page, StringComparison.Ordinal);
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<LeadNote>().CountAsync(n => n.LeadId == lead.Id)));
    }

    [Fact]
    public async Task A_deleted_lead_disappears_and_can_be_restored_from_the_deleted_list()
    {
        var tracker = await App.TrackerAsync();
        var lead = await App.LeadAsync(tracker, await App.ContactAsync());
        var (_, _, screens) = await App.ClientsAsync(UserRole.InternalStaff);

        var deleted = await CrmApp.PostFormAsync(screens, $"/admin/leads/{lead.Id}?handler=Delete", [], $"/admin/leads/{lead.Id}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await screens.GetAsync($"/admin/leads/{lead.Id}", Ct)).StatusCode);
        Assert.DoesNotContain(lead.Title, await screens.GetStringAsync($"/admin/trackers/{tracker.Id}/leads", Ct), StringComparison.Ordinal);
        Assert.Contains(lead.Title, await screens.GetStringAsync($"/admin/trackers/{tracker.Id}/leads?deleted=true", Ct), StringComparison.Ordinal);

        var restored = await CrmApp.PostFormAsync(screens, $"/admin/trackers/{tracker.Id}/leads?handler=Restore&leadId={lead.Id}", [], $"/admin/trackers/{tracker.Id}/leads?deleted=true");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await screens.GetAsync($"/admin/leads/{lead.Id}", Ct)).StatusCode);
        var actions = await App.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == "Lead" && a.EntityId == lead.Id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains("deleted", actions);
        Assert.Contains("restored", actions);
    }

    [Fact]
    public async Task The_dashboard_shows_the_pipeline_part_with_open_leads_in_scope()
    {
        var tracker = await App.TrackerAsync();
        var (partner, _, screens) = await App.ClientsAsync(UserRole.Partner);
        await App.LeadAsync(tracker, await App.ContactAsync(), partner.Id, LeadStatus.Qualified, 1234.5m);

        var dashboard = await screens.GetStringAsync("/admin", Ct);

        Assert.Contains("Pipeline", dashboard, StringComparison.Ordinal);
        Assert.Contains("1,234.50", dashboard, StringComparison.Ordinal);
    }

    private static int Status(JsonElement report, string status) =>
        report.GetProperty("byStatus").EnumerateArray().First(s => s.GetProperty("status").GetString() == status).GetProperty("count").GetInt32();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

public sealed class LeadScreensTestsOnSqlite(SqliteApp app) : LeadScreensTests(app), IClassFixture<SqliteApp>;

public sealed class LeadScreensTestsOnPostgres(PostgresApp app) : LeadScreensTests(app), IClassFixture<PostgresApp>;
