using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;

namespace CrmPlatform.Marketing.Sending;

public enum SmtpTlsMode
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

public enum TextProviderKind
{
    File,
    Twilio,
}

/// <summary>
/// The channels' settings (<em>Admin → Marketing settings</em>, stored as the <c>Marketing</c> site setting). Until an
/// admin saves them, the <c>Marketing</c> configuration section supplies them (servers and tests configure SMTP that way).
/// No SMTP host means email goes to the pickup folder of <c>.eml</c> files.
/// </summary>
public sealed class MarketingSettings : IValidatableObject
{
    public const string Key = "Marketing";

    [StringLength(253)] public string? SmtpHost { get; set; }
    [Range(1, 65535)] public int SmtpPort { get; set; } = 587;
    public SmtpTlsMode SmtpTls { get; set; } = SmtpTlsMode.Auto;
    [StringLength(254)] public string? SmtpUserName { get; set; }
    [StringLength(500)] public string? SmtpPassword { get; set; }
    [Required, EmailAddress, StringLength(254)] public string FromAddress { get; set; } = "noreply@crmplatform.local";
    [StringLength(100)] public string? FromName { get; set; }

    /// <summary>Absolute base of tracking, click and unsubscribe links (e.g. https://crm.example.com); empty = the address the request came in on.</summary>
    [StringLength(200)] public string? PublicBaseUrl { get; set; }

    [Range(1, 10_000)] public int EmailRatePerSecond { get; set; } = 1000;
    [Range(1, 16)] public int EmailConcurrency { get; set; } = 2;
    [Range(1, 1000)] public int TextRatePerSecond { get; set; } = 10;
    [Range(1, 16)] public int TextConcurrency { get; set; } = 1;
    [Range(1, 20)] public int MaxAttempts { get; set; } = 5;

    public TextProviderKind TextProvider { get; set; } = TextProviderKind.File;
    [StringLength(200)] public string TwilioBaseUrl { get; set; } = "https://api.twilio.com";
    [StringLength(64)] public string? TwilioAccountSid { get; set; }
    [StringLength(128)] public string? TwilioAuthToken { get; set; }
    [StringLength(32)] public string? SmsFrom { get; set; }
    [StringLength(32)] public string? WhatsappFrom { get; set; }
    /// <summary>Lets the provider's base URL point at a loopback or private address (a local relay); refused otherwise.</summary>
    public bool AllowPrivateProviderAddress { get; set; }

    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(SmtpHost);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Public base URL must be an absolute http(s) address.", [nameof(PublicBaseUrl)]);
        }
        if (!Uri.TryCreate(TwilioBaseUrl, UriKind.Absolute, out var twilio) || twilio.Scheme is not ("http" or "https"))
        {
            yield return new ValidationResult("Provider base URL must be an absolute http(s) address.", [nameof(TwilioBaseUrl)]);
        }
        if (TextProvider == TextProviderKind.Twilio && (string.IsNullOrWhiteSpace(TwilioAccountSid) || string.IsNullOrWhiteSpace(TwilioAuthToken)))
        {
            yield return new ValidationResult("The HTTP provider needs an account SID and an auth token.", [nameof(TwilioAccountSid)]);
        }
    }
}

/// <summary>The effective settings: the stored site setting, else the configuration section; cached for a few seconds.</summary>
public sealed class MarketingSettingsProvider(IDbContextFactory<CrmDbContext> contexts, IMemoryCache cache, IConfiguration configuration, SiteSettingsService settings)
{
    private const string CacheKey = "crm:marketing-settings";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<MarketingSettings> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out MarketingSettings? cached) && cached is not null)
        {
            return cached;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == MarketingSettings.Key, ct);
        var value = row is not null
            ? JsonSerializer.Deserialize<MarketingSettings>(row.Value, Json) ?? new MarketingSettings()
            : configuration.GetSection(MarketingSettings.Key).Get<MarketingSettings>() ?? new MarketingSettings();
        cache.Set(CacheKey, value, TimeSpan.FromSeconds(5));
        return value;
    }

    public async Task SaveAsync(CrmDbContext db, MarketingSettings value, CancellationToken ct)
    {
        await settings.SetAsync(db, MarketingSettings.Key, value, ct);
        cache.Remove(CacheKey);
    }
}
