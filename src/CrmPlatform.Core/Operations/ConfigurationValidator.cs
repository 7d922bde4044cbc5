using System.Net;
using Microsoft.Extensions.Configuration;

namespace CrmPlatform.Core.Operations;

/// <summary>
/// Checks the host's settings at start-up and refuses to start with a list of clear messages (setting name, value
/// found, what is expected) instead of failing later with a framework exception deep inside a request.
/// </summary>
public static class ConfigurationValidator
{
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var provider = configuration["Database:Provider"];
        if (!string.IsNullOrEmpty(provider) && !Enum.TryParse<Data.DatabaseProvider>(provider, ignoreCase: true, out _))
        {
            errors.Add($"Database:Provider is '{provider}': use Sqlite or PostgreSql.");
        }
        if (string.Equals(provider, nameof(Data.DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(configuration["Database:ConnectionString"]))
        {
            errors.Add("Database:ConnectionString is empty: PostgreSQL needs one, e.g. Host=db;Database=crm;Username=crm;Password=….");
        }
        foreach (var limit in new[] { "SignIn", "PublicForms" })
        {
            PositiveInt(configuration, $"RateLimits:{limit}:PermitLimit", errors);
            PositiveInt(configuration, $"RateLimits:{limit}:WindowSeconds", errors);
        }
        var proxies = configuration.GetSection("ReverseProxy:KnownProxies");
        foreach (var proxy in proxies.GetChildren())
        {
            if (!IPAddress.TryParse(proxy.Value, out _))
            {
                errors.Add($"{proxy.Path} is '{proxy.Value}': give the proxy's IP address (e.g. 10.0.0.2), not a host name.");
            }
        }
        AbsoluteUrl(configuration, "Site:BaseUrl", errors);
        AbsoluteUrl(configuration, "Telemetry:OtlpEndpoint", errors);
        if (configuration["Mail:From"] is { Length: > 0 } from && !MimeKit.MailboxAddress.TryParse(from, out _))
        {
            errors.Add($"Mail:From is '{from}': use an email address such as crm@example.com or \"CRM <crm@example.com>\".");
        }
        if (string.Equals(configuration["Setup:AutoSetup"], "true", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var key in new[] { "Setup:AdminEmail", "Setup:AdminPassword" })
            {
                if (string.IsNullOrWhiteSpace(configuration[key]))
                {
                    errors.Add($"{key} is empty: unattended setup (Setup:AutoSetup=true) needs it.");
                }
            }
        }
        return errors;
    }

    /// <summary>Throws with every problem listed when the settings are not usable.</summary>
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var errors = Validate(configuration);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The configuration is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => " - " + e)));
        }
    }

    private static void PositiveInt(IConfiguration configuration, string key, List<string> errors)
    {
        if (configuration[key] is { Length: > 0 } text && (!int.TryParse(text, out var value) || value <= 0))
        {
            errors.Add($"{key} is '{text}': use a whole number greater than 0.");
        }
    }

    private static void AbsoluteUrl(IConfiguration configuration, string key, List<string> errors)
    {
        if (configuration[key] is { Length: > 0 } text
            && (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"{key} is '{text}': use an absolute http(s) URL such as https://crm.example.com.");
        }
    }
}
