using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Features;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Marketing;

/// <summary>The marketing hosts: their SMTP settings point at an <see cref="SmtpSink"/> started with the fixture.</summary>
public interface IMarketingApp
{
    SmtpSink Smtp { get; }
}

internal static class MarketingHostSettings
{
    public static void Apply(IWebHostBuilder builder, SmtpSink smtp)
    {
        builder.UseSetting("Marketing:SmtpHost", "127.0.0.1");
        builder.UseSetting("Marketing:SmtpPort", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Marketing:SmtpTls", "None");
        builder.UseSetting("Marketing:FromAddress", "news@tests.local");
        builder.UseSetting("Marketing:PublicBaseUrl", "http://crm.tests.local");
        builder.UseSetting("Marketing:TwilioAuthToken", MarketingData.WebhookToken);
        builder.UseSetting("Marketing:PollMilliseconds", "100");
        builder.UseSetting("Marketing:RetryBaseSeconds", "1");
        builder.UseSetting("Marketing:LeaseSeconds", "10");
    }
}

public sealed class MarketingSqliteApp : SqliteApp, IMarketingApp
{
    public SmtpSink Smtp { get; } = SmtpSink.Start();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        MarketingHostSettings.Apply(builder, Smtp);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class MarketingPostgresApp : PostgresApp, IMarketingApp
{
    public SmtpSink Smtp { get; } = SmtpSink.Start();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        MarketingHostSettings.Apply(builder, Smtp);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Test-data builders for campaigns: categories full of contacts, campaigns through the API, waiting for them to finish.</summary>
public static class MarketingData
{
    public const string WebhookToken = "test-webhook-auth-token";
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        CrmPlatform.Core.Hosting.CrmServiceCollectionExtensions.ConfigureJson(options);
        return options;
    }

    /// <summary>A new category with <paramref name="count"/> contacts (unique emails and E.164 phones); returns its id and the contacts.</summary>
    public static async Task<(Guid CategoryId, List<Contact> Contacts)> CategoryWithContactsAsync(CrmDbContext db, int count, string? prefix = null)
    {
        prefix ??= Guid.NewGuid().ToString("N")[..10];
        var category = new ContactCategory { Name = "Cat " + prefix, NormalizedName = ContactCategory.Normalize("Cat " + prefix) };
        db.Add(category);
        var contacts = new List<Contact>(count);
        // Valid US numbers (area code 201, exchange 200–999) so that Contacts' phone rules accept them in merges.
        var phoneBase = Random.Shared.Next(0, 7_990_000 - count);
        for (var i = 0; i < count; i++)
        {
            var contact = new Contact
            {
                Name = $"Person {i} {prefix}", EmailId = $"p{i}.{prefix}@example.com", ContactNo = $"+1201{200 + (phoneBase + i) / 10000}{(phoneBase + i) % 10000:D4}",
                Location = "Testville", Type = ContactType.Employee, Company = $"Company {i}", CategoryId = category.Id,
            };
            contact.Normalize();
            contacts.Add(contact);
        }
        db.AddRange(contacts);
        await db.SaveChangesAsync();
        return (category.Id, contacts);
    }

    public static object Campaign(Guid categoryId, string type = "email", string? content = null, string? name = null, DateTime? scheduledAt = null) => new
    {
        name = name ?? "Campaign " + Guid.NewGuid().ToString("N")[..8],
        type,
        subject = "Hello {{ contact.first_name }}",
        content = content ?? "<p>Dear {{ contact.name }} of {{ contact.company }},</p><p><a href=\"https://example.com/offer?x=1\">See the offer</a></p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
        categoryId,
        scheduledAt,
    };

    public static async Task<CampaignDto> CreateAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/campaigns", body, Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"create answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<CampaignDto>(text, Json)!;
    }

    public static async Task<CampaignDto> GetAsync(HttpClient api, Guid id) =>
        (await api.GetFromJsonAsync<CampaignDto>($"/api/v1/campaigns/{id}", Json))!;

    /// <summary>Polls until the campaign is completed (every message sent or failed), at most <paramref name="seconds"/>.</summary>
    public static async Task<CampaignDto> WaitCompletedAsync(Func<Task<CampaignDto>> get, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        CampaignDto campaign;
        do
        {
            campaign = await get();
            if (campaign.Status == CampaignStatus.Completed)
            {
                return campaign;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"The campaign did not complete in {seconds} s: {campaign.Status}, sent {campaign.SentCount} of {campaign.TotalRecipients}, pending {campaign.PendingCount}, failed {campaign.FailedCount}.");
        return campaign;
    }

    /// <summary>Counts the campaign's message rows with each timestamp set (what the counters must equal).</summary>
    public static async Task<(int Sent, int Opened, int Clicked, int Delivered, int Total)> RowCountsAsync(CrmDbContext db, Guid campaignId)
    {
        var messages = db.Set<MarketingMessage>().AsNoTracking().Where(m => m.CampaignId == campaignId);
        return (await messages.CountAsync(m => m.SentAt != null), await messages.CountAsync(m => m.OpenedAt != null),
            await messages.CountAsync(m => m.ClickedAt != null), await messages.CountAsync(m => m.DeliveredAt != null), await messages.CountAsync());
    }
}
