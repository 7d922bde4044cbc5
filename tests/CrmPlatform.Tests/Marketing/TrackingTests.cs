using System.Net;
using CrmPlatform.Core.Users;
using CrmPlatform.Marketing;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Tracking;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Marketing;

/// <summary>Open pixel, click redirects, unsubscribe (link and RFC 8058 one-click) and signed delivery receipts.</summary>
public abstract class TrackingTests(CrmApp app) : IntegrationTest(app)
{
    private SmtpSink Smtp => ((IMarketingApp)App).Smtp;

    /// <summary>A sent campaign of three contacts; returns the campaign id and its messages.</summary>
    private async Task<(Guid CampaignId, List<MarketingMessage> Messages, HttpClient Api)> SentCampaignAsync()
    {
        var (categoryId, _) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 3));
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId));
        (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct)).EnsureSuccessStatusCode();
        await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, campaign.Id));
        var messages = await App.WithDbAsync(db => db.Set<MarketingMessage>().AsNoTracking().Where(m => m.CampaignId == campaign.Id).OrderBy(m => m.Id).ToListAsync(Ct));
        return (campaign.Id, messages, api);
    }

    private HttpClient Anonymous() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private Task<string> TokenAsync(Guid messageId, TokenPurpose purpose, string? extra = null) =>
        App.Services.GetRequiredService<TrackingTokens>().CreateAsync(messageId, purpose, extra, Ct);

    [Fact]
    public async Task Opens_and_clicks_update_the_message_and_count_once_however_often_they_happen()
    {
        var (campaignId, messages, api) = await SentCampaignAsync();
        var email = Smtp.To(await App.WithDbAsync(db => db.Set<MarketingMessage>().Where(m => m.Id == messages[0].Id).Select(m => m.Recipient!).SingleAsync(Ct))).Single();
        var html = email.HtmlBody!;
        var pixel = System.Text.RegularExpressions.Regex.Match(html, "http://crm.tests.local(/m/o/[^\"]+)").Groups[1].Value;
        var click = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "http://crm.tests.local(/m/c/[^\"]+)").Groups[1].Value);
        var anonymous = Anonymous();

        for (var i = 0; i < 3; i++)
        {
            var open = await anonymous.GetAsync(pixel, Ct);
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            Assert.Equal("image/gif", open.Content.Headers.ContentType?.MediaType);
            var redirect = await anonymous.GetAsync(click, Ct);
            Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
            Assert.Equal("https://example.com/offer?x=1", redirect.Headers.Location?.ToString());
        }
        // A click on another message counts that message as opened too (images may be blocked).
        var url = "https://example.com/offer?x=1";
        var other = await anonymous.GetAsync($"/m/c/{await TokenAsync(messages[1].Id, TokenPurpose.Click, url)}?u={Uri.EscapeDataString(url)}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);

        var campaign = await MarketingData.GetAsync(api, campaignId);
        var rows = await App.WithDbAsync(db => MarketingData.RowCountsAsync(db, campaignId));
        Assert.Equal((2, 2), (campaign.OpenedCount, campaign.ClickedCount));
        Assert.Equal((2, 2), (rows.Opened, rows.Clicked));
        var first = await App.WithDbAsync(db => db.Set<MarketingMessage>().AsNoTracking().SingleAsync(m => m.Id == messages[0].Id, Ct));
        Assert.Equal(MessageStatus.Clicked, first.Status);
        Assert.NotNull(first.OpenedAt);
    }

    [Fact]
    public async Task Forged_or_tampered_tokens_answer_404_and_change_nothing()
    {
        var (campaignId, messages, api) = await SentCampaignAsync();
        var anonymous = Anonymous();
        var id = messages[0].Id;
        var openToken = await TokenAsync(id, TokenPurpose.Open);
        var forged = openToken[..^2] + (openToken[^2] == 'A' ? "BA" : "AA");
        var evil = "https://evil.example/phish";
        var clickToken = await TokenAsync(id, TokenPurpose.Click, "https://example.com/offer?x=1");
        var responses = new[]
        {
            await anonymous.GetAsync($"/m/o/{forged}", Ct),
            await anonymous.GetAsync($"/m/o/{Guid.NewGuid()}", Ct),
            await anonymous.GetAsync("/m/o/not-a-token", Ct),
            // A token for another purpose is not an open token.
            await anonymous.GetAsync($"/m/o/{await TokenAsync(id, TokenPurpose.Unsubscribe)}", Ct),
            // Open redirect: a genuine click token with another target.
            await anonymous.GetAsync($"/m/c/{clickToken}?u={Uri.EscapeDataString(evil)}", Ct),
            await anonymous.GetAsync($"/m/c/{(await TokenAsync(id, TokenPurpose.Click, "https://example.com/offer?x=1"))[..^3]}xyz?u={Uri.EscapeDataString(evil)}", Ct),
            await anonymous.GetAsync($"/m/c/{clickToken}", Ct),
            await anonymous.GetAsync($"/m/u/{forged}", Ct),
            await anonymous.PostAsync($"/m/u/{forged}", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), Ct),
        };
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var campaign = await MarketingData.GetAsync(api, campaignId);
        Assert.Equal((0, 0), (campaign.OpenedCount, campaign.ClickedCount));
        Assert.False(await App.WithDbAsync(db => db.Set<MarketingUnsubscribe>().AnyAsync(u => u.ContactId == messages[0].ContactId, Ct)));
    }

    [Fact]
    public async Task One_click_unsubscribe_opts_the_contact_out_of_future_campaigns_and_raises_the_event()
    {
        var (categoryId, contacts) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 3));
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId));
        (await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct)).EnsureSuccessStatusCode();
        await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, campaign.Id));
        var email = Smtp.To(contacts[0].EmailId).Single();
        var header = email.Headers["List-Unsubscribe"]!.Trim('<', '>');
        var path = new Uri(header).PathAndQuery;
        var anonymous = Anonymous();

        var page = await anonymous.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.Set<MarketingUnsubscribe>().AnyAsync(u => u.ContactId == contacts[0].Id, Ct)), "Showing the page must not unsubscribe.");
        // RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no cookie or antiforgery token; twice is harmless.
        for (var i = 0; i < 2; i++)
        {
            var post = await anonymous.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), Ct);
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }
        // The page's button works the same way (for the second contact).
        var second = new Uri(Smtp.To(contacts[1].EmailId).Single().Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        var confirm = await anonymous.PostAsync(second, new FormUrlEncodedContent([]), Ct);
        Assert.Contains("You are unsubscribed", await confirm.Content.ReadAsStringAsync(Ct));

        Assert.Equal(1, await App.WithDbAsync(db => db.Set<MarketingUnsubscribe>().CountAsync(u => u.ContactId == contacts[0].Id && u.Source == "one-click", Ct)));
        await App.DrainEventsAsync();
        Assert.Equal(1, await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Type == nameof(ContactUnsubscribed) && o.Payload.Contains(contacts[0].Id.ToString()), Ct)));

        var next = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId));
        (await api.PostAsync($"/api/v1/campaigns/{next.Id}/send", null, Ct)).EnsureSuccessStatusCode();
        var done = await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, next.Id));
        Assert.Equal(1, done.TotalRecipients);
        Assert.Equal(2, Smtp.To(contacts[2].EmailId).Count());
        Assert.Single(Smtp.To(contacts[0].EmailId));
    }

    [Fact]
    public async Task Delivery_receipts_need_a_valid_signature_and_count_delivery_once()
    {
        var (campaignId, messages, api) = await SentCampaignAsync();
        await App.WithDbAsync(db => db.Set<MarketingMessage>().Where(m => m.Id == messages[0].Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ProviderMessageId, "SM" + messages[0].Id.ToString("N")), Ct));
        var anonymous = Anonymous();
        var url = "http://localhost" + TrackingLinks.DeliveryReceiptPath;
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM" + messages[0].Id.ToString("N"), ["MessageStatus"] = "delivered", ["AccountSid"] = "AC1" };

        async Task<HttpResponseMessage> PostAsync(string? signature, Dictionary<string, string> fields)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, TrackingLinks.DeliveryReceiptPath) { Content = new FormUrlEncodedContent(fields) };
            if (signature is not null)
            {
                request.Headers.Add("X-Twilio-Signature", signature);
            }
            return await anonymous.SendAsync(request, Ct);
        }

        var unsigned = await PostAsync(null, form);
        var wrong = await PostAsync(TrackingService.Sign("another-token", url, form), form);
        var tampered = await PostAsync(TrackingService.Sign(MarketingData.WebhookToken, url, form), new Dictionary<string, string>(form) { ["MessageStatus"] = "failed" });
        Assert.All([unsigned, wrong, tampered], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await MarketingData.GetAsync(api, campaignId)).DeliveredCount);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(TrackingService.Sign(MarketingData.WebhookToken, url, form), form)).StatusCode);
        }
        var unknown = new Dictionary<string, string>(form) { ["MessageSid"] = "SMunknown" };
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(TrackingService.Sign(MarketingData.WebhookToken, url, unknown), unknown)).StatusCode);
        var json = await anonymous.PostAsync(TrackingLinks.DeliveryReceiptPath, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);

        var campaign = await MarketingData.GetAsync(api, campaignId);
        Assert.Equal(1, campaign.DeliveredCount);
        var message = await App.WithDbAsync(db => db.Set<MarketingMessage>().AsNoTracking().SingleAsync(m => m.Id == messages[0].Id, Ct));
        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.NotNull(message.DeliveredAt);
    }
}

public sealed class TrackingTestsOnSqlite(MarketingSqliteApp app) : TrackingTests(app), IClassFixture<MarketingSqliteApp>;

public sealed class TrackingTestsOnPostgres(MarketingPostgresApp app) : TrackingTests(app), IClassFixture<MarketingPostgresApp>;
