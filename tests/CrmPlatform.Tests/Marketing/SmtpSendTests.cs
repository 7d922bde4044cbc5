using System.Net;
using System.Net.Http.Json;
using CrmPlatform.Core.Users;
using CrmPlatform.Marketing;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CrmPlatform.Tests.Marketing;

/// <summary>A campaign of 1,000 contacts goes through a real SMTP server: each arrives once, personalised, with its headers.</summary>
public abstract class SmtpSendTests(CrmApp app) : IntegrationTest(app)
{
    private SmtpSink Smtp => ((IMarketingApp)App).Smtp;

    [Fact]
    public async Task A_campaign_of_1000_contacts_arrives_once_each_personalised_with_unsubscribe_headers()
    {
        var (categoryId, contacts) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 1000));
        // Not recipients: a deleted contact, and one that opted out earlier.
        var deleted = contacts[0];
        var optedOut = contacts[1];
        await App.WithDbAsync(async db =>
        {
            await db.Set<CrmPlatform.Contacts.Data.Contact>().Where(c => c.Id == deleted.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, DateTime.UtcNow), Ct);
            db.Add(new MarketingUnsubscribe { ContactId = optedOut.Id, Source = "admin" });
            await db.SaveChangesAsync(Ct);
        });
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var campaign = await MarketingData.CreateAsync(api, MarketingData.Campaign(categoryId));

        var send = await api.PostAsync($"/api/v1/campaigns/{campaign.Id}/send", null, Ct);
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
        var done = await MarketingData.WaitCompletedAsync(() => MarketingData.GetAsync(api, campaign.Id), 120);

        Assert.Equal(998, done.TotalRecipients);
        Assert.Equal(998, done.SentCount);
        Assert.Equal(0, done.FailedCount);
        Assert.True(await Smtp.WaitForAsync(s => contacts.Skip(2).All(c => s.To(c.EmailId).Any()), TimeSpan.FromSeconds(10)));
        foreach (var contact in contacts.Skip(2))
        {
            var received = Smtp.To(contact.EmailId).ToList();
            var message = Assert.Single(received);
            Assert.Equal($"Hello Person", message.Subject);
            Assert.Contains($"Dear {contact.Name} of {contact.Company},", message.HtmlBody);
            Assert.Contains($"Dear {contact.Name} of {contact.Company},", message.TextBody);
            Assert.StartsWith("<http://crm.tests.local/m/u/", message.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Contains("http://crm.tests.local/m/c/", message.HtmlBody);
            Assert.DoesNotContain("https://example.com/offer?x=1\"", message.HtmlBody);
            Assert.Contains("http://crm.tests.local/m/o/", message.HtmlBody);
            Assert.Equal("news@tests.local", message.From.Mailboxes.Single().Address);
        }
        Assert.Empty(Smtp.To(deleted.EmailId));
        Assert.Empty(Smtp.To(optedOut.EmailId));
        var rows = await App.WithDbAsync(db => MarketingData.RowCountsAsync(db, campaign.Id));
        Assert.Equal((998, 998), (rows.Sent, rows.Total));

        await App.DrainEventsAsync();
        var completedEvents = await App.WithDbAsync(db => db.Outbox.CountAsync(o => o.Type == nameof(CampaignCompleted) && o.Payload.Contains(campaign.Id.ToString()), Ct));
        Assert.Equal(1, completedEvents);
    }
}

public sealed class SmtpSendTestsOnSqlite(MarketingSqliteApp app) : SmtpSendTests(app), IClassFixture<MarketingSqliteApp>;

public sealed class SmtpSendTestsOnPostgres(MarketingPostgresApp app) : SmtpSendTests(app), IClassFixture<MarketingPostgresApp>;
