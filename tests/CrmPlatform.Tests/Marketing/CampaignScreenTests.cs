using System.Net;
using CrmPlatform.Core.Users;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Marketing;

/// <summary>The editor and settings forms redisplay with messages next to the fields on bad input and save nothing.</summary>
public abstract class CampaignScreenTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task The_editor_shows_field_messages_for_bad_input_and_keeps_script_as_text()
    {
        var (categoryId, _) = await App.WithDbAsync(db => MarketingData.CategoryWithContactsAsync(db, 1));
        var client = await App.ScreenClientAsync(UserRole.InternalStaff);
        var before = await App.WithDbAsync(db => db.Set<MarketingCampaign>().CountAsync(Ct));
        var response = await CrmApp.PostFormAsync(client, "/admin/campaigns/edit", new()
        {
            ["Input.Name"] = new string('n', 201),
            ["Input.Type"] = "Email",
            ["Input.CategoryId"] = categoryId.ToString(),
            ["Input.Subject"] = "",
            ["Input.Content"] = "{% for %}",
            ["Input.ScheduledAt"] = "2020-01-01T10:00",
        });
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The name can have at most 200 characters.", page);
        Assert.Contains("The scheduled time must be in the future.", page);
        // Field rules first, then the rules across fields (subject for email, Liquid).
        response = await CrmApp.PostFormAsync(client, "/admin/campaigns/edit", new()
        {
            ["Input.Name"] = "Name",
            ["Input.Type"] = "Email",
            ["Input.CategoryId"] = categoryId.ToString(),
            ["Input.Subject"] = "",
            ["Input.Content"] = "{% for %}",
        });
        page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("An email needs a subject.", page);
        Assert.Contains("not a valid Liquid template", page);
        Assert.Equal(before, await App.WithDbAsync(db => db.Set<MarketingCampaign>().CountAsync(Ct)));

        var created = await CrmApp.PostFormAsync(client, "/admin/campaigns/edit", new()
        {
            ["Input.Name"] = "<script>alert(1)</script>",
            ["Input.Type"] = "Sms",
            ["Input.CategoryId"] = categoryId.ToString(),
            ["Input.Content"] = "Hi {{ contact.first_name }}",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = await client.GetStringAsync(created.Headers.Location, Ct);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", details);
        Assert.DoesNotContain("<script>alert(1)</script>", details);

        var unknownType = await CrmApp.PostFormAsync(client, "/admin/campaigns/edit", new() { ["Input.Name"] = "x", ["Input.Type"] = "Fax", ["Input.Content"] = "c" });
        Assert.Equal(HttpStatusCode.OK, unknownType.StatusCode);
        Assert.Contains("Choose", await unknownType.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Marketing_settings_are_for_admins_and_reject_bad_values()
    {
        var staff = await App.ScreenClientAsync(UserRole.InternalStaff);
        var denied = await staff.GetAsync("/admin/campaigns/settings", Ct);
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
        if (denied.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Contains("/access-denied", denied.Headers.Location!.ToString());
        }

        var admin = await App.ScreenClientAsync(UserRole.Admin);
        var response = await CrmApp.PostFormAsync(admin, "/admin/campaigns/settings", new()
        {
            ["Input.SmtpHost"] = "smtp.example.com",
            ["Input.SmtpPort"] = "25",
            ["Input.SmtpTls"] = "0",
            ["Input.FromAddress"] = "news@example.com",
            ["Input.PublicBaseUrl"] = "javascript:alert(1)",
            ["Input.EmailRatePerSecond"] = "100",
            ["Input.EmailConcurrency"] = "2",
            ["Input.TextRatePerSecond"] = "1",
            ["Input.TextConcurrency"] = "1",
            ["Input.MaxAttempts"] = "3",
            ["Input.TextProvider"] = "0",
            ["Input.TwilioBaseUrl"] = "https://api.twilio.com",
        });
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Public base URL must be an absolute http(s) address.", page);
        var port = await CrmApp.PostFormAsync(admin, "/admin/campaigns/settings", new()
        {
            ["Input.SmtpPort"] = "0", ["Input.FromAddress"] = "not an address", ["Input.EmailRatePerSecond"] = "100", ["Input.EmailConcurrency"] = "1",
            ["Input.TextRatePerSecond"] = "1", ["Input.TextConcurrency"] = "1", ["Input.MaxAttempts"] = "3", ["Input.TwilioBaseUrl"] = "https://api.twilio.com",
        });
        var portPage = await port.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, port.StatusCode);
        Assert.Contains("The field SmtpPort must be between 1 and 65535.", portPage);
        Assert.False(await App.WithDbAsync(db => db.SiteSettings.AnyAsync(s => s.Key == "Marketing", Ct)));
    }
}

public sealed class CampaignScreenTestsOnSqlite(MarketingSqliteApp app) : CampaignScreenTests(app), IClassFixture<MarketingSqliteApp>;

public sealed class CampaignScreenTestsOnPostgres(MarketingPostgresApp app) : CampaignScreenTests(app), IClassFixture<MarketingPostgresApp>;
