using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Users;
using CrmPlatform.Marketing;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Marketing;

/// <summary>Retries and failures, scheduling, SMS through the file provider, merge, privacy export/erase, recipe and contact part.</summary>
public abstract class CampaignLifecycleTests(CrmApp app) : IntegrationTest(app)
{
    private SmtpSink Smtp => ((IMarketingApp)App).Smtp;

    [Fact]
    public async Task Transient_refusals_are_retried_permanent_ones_fail_with_the_error_and_can_be_retried()
    {
        var (categoryId, contacts) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 3));
        Smtp.TemporaryFailures[contacts[0].EmailId] = 1;
        Smtp.PermanentFailures[contacts[1].EmailId] = true;
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId));
        (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct)).EnsureSuccessStatusCode();
        var done = await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, campaign.Id));

        Assert.Equal((2, 1), (done.SentCount, done.FailedCount));
        Assert.Single(Smtp.To(contacts[0].EmailId));
        Assert.Empty(Smtp.To(contacts[1].EmailId));
        var list = await api.GetAsync($"/api/v1/campaigns/{campaign.Id}/messages?status=failed", Ct);
        Assert.True(list.IsSuccessStatusCode, await list.Content.ReadAsStringAsync(Ct));
        var failed = await list.Content.ReadFromJsonAsync<CrmPlatform.Core.Api.CursorPage<MessageDto>>(MarketingData.Json, Ct);
        var message = Assert.Single(failed!.Items);
        Assert.Equal(contacts[1].Id, message.ContactId);
        Assert.Contains("SMTP 550", message.ErrorMessage);
        var retried = await App.WithDbAsync(db => db.Set<MarketingMessage>().AsNoTracking().SingleAsync(m => m.CampaignId == campaign.Id && m.ContactId == contacts[0].Id, Ct));
        Assert.Equal(2, retried.Attempts);
        await App.DrainEventsAsync();
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Type == nameof(MessageFailed) && o.Payload.Contains(message.Id.ToString()), Ct)));

        // The mailbox works again: retrying the failed message sends it and the campaign completes once more.
        Smtp.PermanentFailures.TryRemove(contacts[1].EmailId, out _);
        var retry = await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/messages/retry-failed", null, Ct);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("\"retried\":1", await retry.Content.ReadAsStringAsync(Ct));
        var again = await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, campaign.Id));
        Assert.Equal((3, 0), (again.SentCount, again.FailedCount));
        Assert.Single(Smtp.To(contacts[1].EmailId));
    }

    [Fact]
    public async Task A_scheduled_campaign_starts_on_time_and_a_paused_one_waits_for_resume()
    {
        var (categoryId, contacts) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 2));
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId, scheduledAt: DateTime.UtcNow.AddSeconds(3)));
        var scheduled = await (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct)).Content.ReadFromJsonAsync<CampaignDto>(MarketingData.Json, Ct);
        Assert.Equal(CampaignStatus.Scheduled, scheduled!.Status);
        Assert.Empty(Smtp.To(contacts[0].EmailId));
        var done = await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, campaign.Id), 30);
        Assert.True(done.SentAt >= campaign.ScheduledAt!.Value.AddMilliseconds(-1));
        Assert.Equal(2, done.SentCount);

        var paused = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId));
        // Paused right after it starts: whatever was not sent yet waits.
        (await api.PostAsync($"/api/v1/campaigns/{paused.Id}/send", null, Ct)).EnsureSuccessStatusCode();
        var pause = await api.PostAsync($"/api/v1/campaigns/{paused.Id}/pause", null, Ct);
        Assert.True(pause.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict);
        if (pause.StatusCode == HttpStatusCode.OK)
        {
            var state = await MarketingData.GetAsync(api, paused.Id);
            Assert.True(state.Paused);
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/campaigns/{paused.Id}/resume", null, Ct)).StatusCode);
        }
        Assert.Equal(2, (await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, paused.Id), 30)).SentCount);
    }

    [Fact]
    public async Task Sms_campaigns_go_to_e164_numbers_through_the_file_provider()
    {
        var (categoryId, contacts) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 2));
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId, type: "sms", content: "Hi {{ contact.first_name }}, reply STOP or visit {{ unsubscribe_url }}"));
        (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct)).EnsureSuccessStatusCode();
        var done = await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, campaign.Id));
        Assert.Equal(2, done.SentCount);
        var file = App.Services.GetServices<CrmPlatform.Marketing.Sending.IChannelProvider>().OfType<CrmPlatform.Marketing.Sending.FileChannelProvider>().Single();
        var lines = (await File.ReadAllLinesAsync(Path.Combine(file.Folder, "sms.jsonl"), Ct)).Select(l => JsonNode.Parse(l)!).ToList();
        foreach (var contact in contacts)
        {
            var line = Assert.Single(lines, l => (string?)l["to"] == contact.ContactNo);
            Assert.StartsWith("Hi Person, reply STOP or visit http://crm.tests.local/m/u/", (string?)line["body"]);
        }
    }

    [Fact]
    public async Task Messages_follow_a_merge_and_privacy_export_and_erase_cover_them()
    {
        var (categoryId, contacts) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 2));
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId));
        (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct)).EnsureSuccessStatusCode();
        await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, campaign.Id));
        await App.WithDbAsync(async db =>
        {
            db.Add(new MarketingUnsubscribe { ContactId = contacts[1].Id, Source = "admin" });
            await db.SaveChangesAsync(Ct);
        });
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var merge = await admin.PostAsJsonAsync($"/api/v1/contacts/{contacts[0].Id}/merge", new { mergeWithId = contacts[1].Id }, Ct);
        Assert.True(merge.StatusCode == HttpStatusCode.OK, await merge.Content.ReadAsStringAsync(Ct));
        Assert.Equal(2, await App.WithDbAsync(db => db.Set<MarketingMessage>().CountAsync(m => m.ContactId == contacts[0].Id, Ct)));
        Assert.True(await App.WithDbAsync(db => db.Set<MarketingUnsubscribe>().AnyAsync(u => u.ContactId == contacts[0].Id, Ct)));

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmPlatform.Core.Data.CrmDbContext>();
        var participant = scope.ServiceProvider.GetServices<IContactDataParticipant>().Single(p => p.Section == "marketing");
        var export = await participant.ExportAsync(db, contacts[0].Id, Ct);
        Assert.Equal(2, export!["messages"]!.AsArray().Count);
        Assert.Contains(contacts[0].EmailId, export.ToJsonString());
        await participant.EraseAsync(db, contacts[0].Id, Ct);
        await db.SaveChangesAsync(Ct);
        Assert.Equal(0, await db.Set<MarketingMessage>().CountAsync(m => m.ContactId == contacts[0].Id && m.Recipient != null, Ct));
        Assert.Equal(2, (await MarketingData.GetAsync(api, campaign.Id)).SentCount);

        // The contact page shows the messages part.
        var screen = await App.ScreenClientAsync(UserRole.InternalStaff);
        var page = await screen.GetStringAsync($"/admin/contacts/{contacts[0].Id}", Ct);
        Assert.Contains("Marketing messages", page);
        Assert.Contains(campaign.Name, page);
    }

    [Fact]
    public async Task The_campaigns_recipe_step_adds_a_draft_once_and_rejects_bad_entries()
    {
        var (categoryId, _) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 1, "recipe" + Guid.NewGuid().ToString("N")[..6]));
        var category = await App.WithDbAsync(db => db.Set<CrmPlatform.Contacts.Data.ContactCategory>().Where(c => c.Id == categoryId).Select(c => c.Name).SingleAsync(Ct));
        var name = "Welcome " + Guid.NewGuid().ToString("N")[..6];
        var json = $$"""{ "name": "t", "steps": [ { "name": "campaigns", "campaigns": [ { "name": "{{name}}", "type": "email", "subject": "Welcome", "content": "<p>Hi</p>", "category": "{{category}}" } ] } ] }""";
        for (var i = 0; i < 2; i++)
        {
            await using var scope = App.Services.CreateAsyncScope();
            var executor = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();
            await executor.ExecuteAsync(RecipeParser.Parse(json), null, Ct);
        }
        var stored = await App.WithDbAsync(db => db.Set<MarketingCampaign>().AsNoTracking().Where(c => c.Name == name).ToListAsync(Ct));
        Assert.Equal(CampaignStatus.Draft, Assert.Single(stored).Status);

        var bad = $$"""{ "name": "t", "steps": [ { "name": "campaigns", "campaigns": [ { "name": "x", "type": "fax", "content": "c", "category": "{{category}}" }, { "name": "y", "type": "email", "subject": "s", "content": "{% if %}", "category": "{{category}}" } ] } ] }""";
        await using var badScope = App.Services.CreateAsyncScope();
        var error = await Assert.ThrowsAsync<RecipeException>(() => badScope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(RecipeParser.Parse(bad), null, Ct));
        Assert.Contains(error.Errors, e => e.Contains("campaigns[0].type", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("campaigns[1].Content", StringComparison.Ordinal));
    }
}

public sealed class CampaignLifecycleTestsOnSqlite(MarketingSqliteApp app) : CampaignLifecycleTests(app), IClassFixture<MarketingSqliteApp>;

public sealed class CampaignLifecycleTestsOnPostgres(MarketingPostgresApp app) : CampaignLifecycleTests(app), IClassFixture<MarketingPostgresApp>;
