using System.Net;
using System.Net.Http.Json;
using System.Text;
using CrmPlatform.Core.Users;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Marketing;

/// <summary>The campaigns API: validation (nothing written on bad input), roles, preview sanitising and test sends.</summary>
public abstract class CampaignApiTests(CrmApp app) : IntegrationTest(app)
{
    private SmtpSink Smtp => ((IMarketingApp)App).Smtp;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Bad_input_answers_400_with_the_field_and_creates_nothing()
    {
        var (categoryId, _) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 1));
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var before = await App.WithDbAsync(db => db.Set<MarketingCampaign>().CountAsync(Ct));
        var cases = new (string Body, string Field)[]
        {
            ($$"""{"name":"x","type":"email","subject":"Hi","content":"{% if %}broken","categoryId":"{{categoryId}}"}""", "Content"),
            ("{\"name\":\"x\",\"type\":\"email\",\"subject\":\"{{ contact.name\",\"content\":\"ok\",\"categoryId\":\"" + categoryId + "\"}", "Subject"),
            ($$"""{"name":"x","type":"email","subject":"Hi","content":"ok","categoryId":"{{categoryId}}","scheduledAt":"2020-01-01T00:00:00Z"}""", "ScheduledAt"),
            ($$"""{"name":"x","type":"email","content":"ok","categoryId":"{{categoryId}}"}""", "Subject"),
            ($$"""{"name":"{{new string('n', 201)}}","type":"sms","content":"ok","categoryId":"{{categoryId}}"}""", "Name"),
            ($$"""{"name":"x","type":"sms","content":"ok","categoryId":"{{Guid.NewGuid()}}"}""", "CategoryId"),
            ("""{"name":"x","type":"sms","content":"ok"}""", "CategoryId"),
            ($$"""{"type":"sms","content":"ok","categoryId":"{{categoryId}}"}""", "Name"),
            ($$"""{"name":"x","type":"sms","content":"{{new string('c', 1601)}}","categoryId":"{{categoryId}}"}""", "Content"),
        };
        foreach (var (body, field) in cases)
        {
            var response = await api.PostAsync("/api/v1/campaigns", Json(body), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"\"{field}\"", text, StringComparison.Ordinal);
        }
        foreach (var body in new[] { """{"name":"x","type":"fax","content":"ok"}""", """{"name":42,"type":"email"}""", "not json", """{"name":"x","type":"email","subject":"s","content":"c","categoryId":"nope"}""" })
        {
            var response = await api.PostAsync("/api/v1/campaigns", Json(body), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(before, await App.WithDbAsync(db => db.Set<MarketingCampaign>().CountAsync(Ct)));
        // The Liquid message says what is wrong.
        var liquid = await api.PostAsync("/api/v1/campaigns", Json(cases[0].Body), Ct);
        Assert.Contains("not a valid Liquid template", await liquid.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Sending_to_a_category_without_usable_contacts_is_refused_and_leaves_a_draft()
    {
        var (categoryId, contacts) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 2));
        // Both contacts are unusable: one deleted, one opted out.
        await App.WithDbAsync(async db =>
        {
            await db.Set<CrmPlatform.Contacts.Data.Contact>().Where(c => c.Id == contacts[0].Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, DateTime.UtcNow), Ct);
            db.Add(new MarketingUnsubscribe { ContactId = contacts[1].Id, Source = "admin" });
            await db.SaveChangesAsync(Ct);
        });
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId));
        var send = await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, send.StatusCode);
        Assert.Contains("no contact that can receive", await send.Content.ReadAsStringAsync(Ct));
        var after = await MarketingData.GetAsync(api, campaign.Id);
        Assert.Equal(CampaignStatus.Draft, after.Status);
        Assert.Equal(0, after.TotalRecipients);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<MarketingMessage>().CountAsync(m => m.CampaignId == campaign.Id, Ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/campaigns/{Guid.NewGuid()}/send", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/campaigns/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/campaigns?cursor=%%%", Ct)).StatusCode);
    }

    [Fact]
    public async Task Partners_and_leads_have_no_marketing_access_and_anonymous_callers_must_sign_in()
    {
        var (categoryId, _) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 1));
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(staff, MarketingData.Campaign(categoryId));
        foreach (var role in new UserRole?[] { UserRole.Partner, UserRole.Lead, null })
        {
            var client = await App.ApiClientAsync(role);
            var expected = role is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.Equal(expected, (await client.GetAsync("/api/v1/campaigns", Ct)).StatusCode);
            Assert.Equal(expected, (await client.GetAsync($"/api/v1/campaigns/{campaign.Id}", Ct)).StatusCode);
            Assert.Equal(expected, (await client.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct)).StatusCode);
            Assert.Equal(expected, (await client.PostAsJsonAsync("/api/v1/campaigns", MarketingData.Campaign(categoryId), MarketingData.Json, Ct)).StatusCode);
            var screens = await App.ScreenClientAsync(role);
            var page = await screens.GetAsync($"/admin/campaigns/{campaign.Id}", Ct);
            Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{role}: {(int)page.StatusCode}");
            if (page.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Matches(role is null ? "/login" : "/access-denied", page.Headers.Location!.ToString());
            }
        }
        Assert.Equal(CampaignStatus.Draft, (await MarketingData.GetAsync(staff, campaign.Id)).Status);
        var admin = await App.ApiClientAsync(UserRole.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/campaigns/{campaign.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Preview_strips_scripts_and_handlers_and_a_test_send_arrives_marked_test()
    {
        var (categoryId, contacts) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 1));
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId,
            content: "<p onclick=\"alert(1)\">Hi {{ contact.name }}</p><script>alert(2)</script><a href=\"javascript:alert(3)\">x</a><img src=x onerror=alert(4)>"));
        var preview = await api.GetFromJsonAsync<PreviewDto>($"/api/v1/campaigns/{campaign.Id}/preview?contactId={contacts[0].Id}", MarketingData.Json, Ct);
        Assert.Contains($"Hi {contacts[0].Name}", preview!.Html);
        Assert.DoesNotContain("alert", preview.Html);
        Assert.DoesNotContain("<script", preview.Html);
        Assert.Equal($"Hi {contacts[0].Name}\nx", preview.Text);

        var bad = await api.PostAsJsonAsync($"/api/v1/campaigns/{campaign.Id}/test-send", new { address = "not-an-email" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"Address\"", await bad.Content.ReadAsStringAsync(Ct));
        var address = $"tester-{Guid.NewGuid():N}@example.com";
        var ok = await api.PostAsJsonAsync($"/api/v1/campaigns/{campaign.Id}/test-send", new { address, contactId = contacts[0].Id }, Ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var received = Assert.Single(Smtp.To(address));
        Assert.StartsWith("[Test] Hello Person", received.Subject);
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<MarketingMessage>().CountAsync(m => m.CampaignId == campaign.Id, Ct)));
    }

    [Fact]
    public async Task Pause_resume_cancel_and_edit_follow_the_campaign_status()
    {
        var (categoryId, _) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 2));
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId, scheduledAt: DateTime.UtcNow.AddHours(1)));
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/pause", null, Ct)).StatusCode);
        var scheduled = await (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct)).Content.ReadFromJsonAsync<CampaignDto>(MarketingData.Json, Ct);
        Assert.Equal(CampaignStatus.Scheduled, scheduled!.Status);
        Assert.Equal(0, scheduled.TotalRecipients);
        var cancelled = await (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/cancel", null, Ct)).Content.ReadFromJsonAsync<CampaignDto>(MarketingData.Json, Ct);
        Assert.Equal(CampaignStatus.Cancelled, cancelled!.Status);
        var edit = await api.PutAsJsonAsync($"/api/v1/campaigns/{campaign.Id}", MarketingData.Campaign(categoryId), MarketingData.Json, Ct);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/campaigns/{campaign.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/campaigns/{campaign.Id}", Ct)).StatusCode);
    }
}

public sealed class CampaignApiTestsOnSqlite(MarketingSqliteApp app) : CampaignApiTests(app), IClassFixture<MarketingSqliteApp>;

public sealed class CampaignApiTestsOnPostgres(MarketingPostgresApp app) : CampaignApiTests(app), IClassFixture<MarketingPostgresApp>;
