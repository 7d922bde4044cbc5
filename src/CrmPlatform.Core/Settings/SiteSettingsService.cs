using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CrmPlatform.Core.Settings;

/// <summary>Typed access to <see cref="SiteSetting"/> rows, cached briefly.</summary>
public sealed class SiteSettingsService(IDbContextFactory<CrmDbContext> contexts, IMemoryCache cache)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> GetAsync<T>(string key, CancellationToken ct = default) where T : new()
    {
        var cacheKey = "crm:setting:" + key;
        if (cache.TryGetValue(cacheKey, out T? cached) && cached is not null)
        {
            return cached;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        var value = row is null ? new T() : JsonSerializer.Deserialize<T>(row.Value, Json) ?? new T();
        cache.Set(cacheKey, value, TimeSpan.FromSeconds(10));
        return value;
    }

    /// <summary>Reads the setting through the given context (inside its transaction, bypassing the cache).</summary>
    public async Task<T> GetAsync<T>(CrmDbContext db, string key, CancellationToken ct = default) where T : new()
    {
        var row = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        return row is null ? new T() : JsonSerializer.Deserialize<T>(row.Value, Json) ?? new T();
    }

    /// <summary>Writes the setting through the given context (so it joins that context's transaction).</summary>
    public async Task SetAsync<T>(CrmDbContext db, string key, T value, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(value, Json);
        var row = await db.SiteSettings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (row is null)
        {
            db.SiteSettings.Add(new SiteSetting { Key = key, Value = json });
        }
        else
        {
            row.Value = json;
        }
        await db.SaveChangesAsync(ct);
        cache.Remove("crm:setting:" + key);
    }
}

/// <summary>The general settings of the site.</summary>
public sealed class GeneralSettings
{
    public const string Key = "General";

    [Required, StringLength(100, MinimumLength = 1)]
    public string SiteName { get; set; } = "CrmPlatform";

    /// <summary>ISO 3166 region used to read phone numbers written without a country code.</summary>
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "Default phone region must be a two-letter country code such as US or GB.")]
    public string DefaultPhoneRegion { get; set; } = "US";

    [Required, StringLength(64)]
    public string TimeZone { get; set; } = "UTC";
}
