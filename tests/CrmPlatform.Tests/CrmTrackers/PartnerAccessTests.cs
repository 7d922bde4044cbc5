using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Core.Users;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.CrmTrackers;

/// <summary>Partners see and edit only the leads assigned to them, through the API and the screens alike.</summary>
public abstract class PartnerAccessTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Partner_lists_only_assigned_leads_and_gets_404_for_any_other_lead_through_the_api()
    {
        var tracker = await App.TrackerAsync();
        var (partner, api, _) = await App.ClientsAsync(UserRole.Partner);
        var mine = await App.LeadAsync(tracker, await App.ContactAsync(), partner.Id);
        var theirs = await App.LeadAsync(tracker, await App.ContactAsync());

        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/leads?trackerId={tracker.Id}", Ct);
        Assert.Equal([mine.Id.ToString()], list.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString()));

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/leads/{mine.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/leads/{theirs.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/leads/{theirs.Id}/notes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/leads/{theirs.Id}/status", new { status = "contacted" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/leads/{theirs.Id}/notes", new { content = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PutAsJsonAsync($"/api/v1/leads/{theirs.Id}", new { title = "Mine now", contactId = theirs.ContactId }, Ct)).StatusCode);

        var report = await api.GetFromJsonAsync<JsonElement>($"/api/v1/trackers/{tracker.Id}/report", Ct);
        Assert.Equal(1, report.GetProperty("totalLeads").GetInt32());
        Assert.Equal(LeadStatus.New, await App.WithDbAsync(db => db.Set<Lead>().Where(l => l.Id == theirs.Id).Select(l => l.Status).SingleAsync()));
    }

    [Fact]
    public async Task Partner_edits_an_assigned_lead_but_cannot_reassign_it_nor_manage_trackers_and_fields()
    {
        var tracker = await App.TrackerAsync();
        var (partner, api, _) = await App.ClientsAsync(UserRole.Partner);
        var other = await App.CreateUserAsync(UserRole.InternalStaff);
        var mine = await App.LeadAsync(tracker, await App.ContactAsync(), partner.Id);

        var edit = await api.PutAsJsonAsync($"/api/v1/leads/{mine.Id}", new { title = "Renamed by partner", contactId = mine.ContactId, status = "contacted" }, Ct);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/leads/{mine.Id}/notes", new { content = "Called them" }, Ct)).StatusCode);

        var reassign = await api.PutAsJsonAsync($"/api/v1/leads/{mine.Id}", new { title = "Renamed", contactId = mine.ContactId, assignedToId = other.Id }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, reassign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/v1/leads/{mine.Id}/assign", new { assignedToId = other.Id }, Ct)).StatusCode);
        Assert.Equal(partner.Id, await App.WithDbAsync(db => db.Set<Lead>().Where(l => l.Id == mine.Id).Select(l => l.AssignedToId).SingleAsync()));

        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/v1/trackers", new { name = "Partner tracker" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutAsJsonAsync($"/api/v1/trackers/{tracker.Id}", new { name = "Renamed" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync($"/api/v1/trackers/{tracker.Id}/fields", new { name = "x", label = "X", type = "text" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync($"/api/v1/trackers/{tracker.Id}/fields/{tracker.Field("size")}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/v1/leads", new { title = "New", trackerId = tracker.Id, contactId = mine.ContactId }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync($"/api/v1/leads/{mine.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/leads/export", Ct)).StatusCode);
        Assert.Equal(7, await App.WithDbAsync(db => db.Set<CrmField>().CountAsync(f => f.TrackerId == tracker.Id)));
    }

    [Fact]
    public async Task Partner_screens_show_only_assigned_leads_and_answer_404_or_denied_for_the_rest()
    {
        var tracker = await App.TrackerAsync();
        var (partner, _, screens) = await App.ClientsAsync(UserRole.Partner);
        var mine = await App.LeadAsync(tracker, await App.ContactAsync(), partner.Id);
        var theirs = await App.LeadAsync(tracker, await App.ContactAsync());

        var board = await screens.GetStringAsync($"/admin/trackers/{tracker.Id}/board", Ct);
        Assert.Contains(mine.Title, board, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Title, board, StringComparison.Ordinal);
        var list = await screens.GetStringAsync($"/admin/trackers/{tracker.Id}/leads", Ct);
        Assert.Contains(mine.Title, list, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Title, list, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await screens.GetAsync($"/admin/leads/{mine.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await screens.GetAsync($"/admin/leads/{theirs.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await screens.GetAsync($"/admin/leads/{theirs.Id}/edit", Ct)).StatusCode);

        var move = await CrmApp.PostFormAsync(screens, $"/admin/trackers/{tracker.Id}/board?handler=Move", new() { ["leadId"] = theirs.Id.ToString(), ["status"] = "proposal" }, $"/admin/trackers/{tracker.Id}/board");
        Assert.Equal(HttpStatusCode.NotFound, move.StatusCode);
        Assert.Equal(LeadStatus.New, await App.WithDbAsync(db => db.Set<Lead>().Where(l => l.Id == theirs.Id).Select(l => l.Status).SingleAsync()));

        var denied = await screens.GetAsync($"/admin/trackers/edit/{tracker.Id}", Ct);
        Assert.True(denied.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden, denied.StatusCode.ToString());
        Assert.Contains("/access-denied", denied.Headers.Location?.ToString() ?? "/access-denied", StringComparison.Ordinal);
        var details = await screens.GetStringAsync($"/admin/leads/{mine.Id}", Ct);
        Assert.DoesNotContain("name=\"assignedToId\"", details, StringComparison.Ordinal);

        var contactEmail = await App.WithDbAsync(db => db.Set<CrmPlatform.Contacts.Data.Contact>().Where(c => c.Id == mine.ContactId).Select(c => c.EmailId).SingleAsync());
        var edited = await CrmApp.PostFormAsync(screens, $"/admin/leads/{mine.Id}/edit", new() { ["Form.Title"] = "Edited on screen", ["Form.Status"] = "qualified", ["Form.ContactEmail"] = contactEmail, ["cf.industry"] = "Health" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var saved = await App.WithDbAsync(db => db.Set<Lead>().SingleAsync(l => l.Id == mine.Id));
        Assert.Equal(("Edited on screen", LeadStatus.Qualified, (Guid?)partner.Id), (saved.Title, saved.Status, saved.AssignedToId));
    }

    [Fact]
    public async Task The_contact_page_gets_a_leads_part_for_users_who_may_view_leads()
    {
        var parts = App.Services.CreateScope().ServiceProvider.GetRequiredService<CrmPlatform.Core.Display.DisplayPartService>();
        foreach (var (role, visible) in new[] { (UserRole.Admin, true), (UserRole.InternalStaff, true), (UserRole.Partner, true), (UserRole.Lead, false) })
        {
            var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new(System.Security.Claims.ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new(CrmPlatform.Core.Security.CrmClaims.Role, role.ToName())], "test"));
            var forContact = await parts.ForAsync(CrmPlatform.Core.Display.DisplayTargets.Contact, principal, Ct);
            Assert.Equal(visible, forContact.Any(p => p.Title == "Leads" && p.ViewComponent == typeof(CrmPlatform.CrmTrackers.Parts.ContactLeadsViewComponent)));
        }
    }

    [Fact]
    public async Task Partner_sees_the_contacts_of_assigned_leads_through_the_contact_scope()
    {
        var tracker = await App.TrackerAsync();
        var partner = await App.CreateUserAsync(UserRole.Partner);
        var visible = await App.ContactAsync();
        var hidden = await App.ContactAsync();
        await App.LeadAsync(tracker, visible, partner.Id);
        await App.LeadAsync(tracker, hidden);

        var ids = await App.WithDbAsync(db => new CrmPlatform.CrmTrackers.Features.AssignedLeadsContactScope().VisibleContactIds(db, partner.Id).ToListAsync());
        Assert.Contains(visible.Id, ids);
        Assert.DoesNotContain(hidden.Id, ids);
    }
}

public sealed class PartnerAccessTestsOnSqlite(SqliteApp app) : PartnerAccessTests(app), IClassFixture<SqliteApp>;

public sealed class PartnerAccessTestsOnPostgres(PostgresApp app) : PartnerAccessTests(app), IClassFixture<PostgresApp>;
