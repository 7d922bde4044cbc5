using CrmPlatform.Marketing.Features;
using CrmPlatform.Marketing.Sending;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace CrmPlatform.Marketing.Tracking;

/// <summary>The public URLs of a message: open pixel, click redirects and unsubscribe page (also the one-click POST target).</summary>
public sealed class TrackingLinks(TrackingTokens tokens, MarketingSettingsProvider settings, IConfiguration configuration, IServer? server = null)
{
    public const string OpenPath = "/m/o/";
    public const string ClickPath = "/m/c/";
    public const string UnsubscribePath = "/m/u/";
    public const string DeliveryReceiptPath = "/api/v1/marketing/delivery-receipts";

    /// <summary>The absolute base of the links: the setting, else <c>Marketing:PublicBaseUrl</c>, else the address the host listens on.</summary>
    public async Task<string> BaseUrlAsync(CancellationToken ct)
    {
        var configured = (await settings.GetAsync(ct)).PublicBaseUrl ?? configuration["Marketing:PublicBaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }
        var address = server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return string.IsNullOrEmpty(address) ? "http://localhost" : address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    public async Task<LinkFactory> FactoryAsync(CancellationToken ct) => new(await BaseUrlAsync(ct), await tokens.SignerAsync(ct));
}

/// <summary>Builds the links of many messages with one base URL and key.</summary>
public sealed class LinkFactory(string baseUrl, Func<Guid, TokenPurpose, string?, string> sign)
{
    public string BaseUrl => baseUrl;

    public MessageLinks For(Guid messageId, bool email) => new(
        baseUrl + TrackingLinks.UnsubscribePath + sign(messageId, TokenPurpose.Unsubscribe, null),
        email ? baseUrl + TrackingLinks.OpenPath + sign(messageId, TokenPurpose.Open, null) : null,
        email ? url => baseUrl + TrackingLinks.ClickPath + sign(messageId, TokenPurpose.Click, url) + "?u=" + Uri.EscapeDataString(url) : null);

    public string DeliveryReceiptUrl => baseUrl + TrackingLinks.DeliveryReceiptPath;
}
