using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using CrmPlatform.Core.Workflows;

namespace CrmPlatform.Workflows.Activities;

/// <summary>
/// Calls a URL whose host is in the activity's allow-list. Every address the host resolves to is checked, and the
/// connection is made to a checked address (no DNS rebinding): loopback, private, link-local, shared and multicast
/// addresses are refused unless the activity explicitly allows private networks. Redirects are not followed.
/// </summary>
internal sealed class HttpRequestTask(IHttpClientFactory clients) : IWorkflowTask
{
    public const string ClientName = "workflows-http";
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateKey = new("crm.allow-private");

    public ActivityDescriptor Descriptor { get; } = new("HttpRequest", "HTTP request", "Integration", WorkflowsModule.ModuleId, ActivityKind.Task)
    {
        Description = "Calls a webhook or API. The outcome is the status class; HttpStatus and HttpResponse variables hold the answer.",
        Properties =
        [
            new("Url", "URL", ActivityPropertyType.Liquid, Required: true),
            new("Method", "Method", ActivityPropertyType.Select, Required: true) { Options = ["GET", "POST", "PUT", "PATCH", "DELETE"], Default = "POST" },
            new("Body", "Body", ActivityPropertyType.Liquid),
            new("ContentType", "Content type", ActivityPropertyType.Text) { Default = "application/json" },
            new("AllowedHosts", "Allowed hosts", ActivityPropertyType.Lines, Required: true) { Description = "One host name per line; the URL's host must be one of them." },
            new("AllowPrivateNetwork", "Allow private and loopback addresses", ActivityPropertyType.Boolean) { Default = "false" },
            new("TimeoutSeconds", "Timeout (seconds)", ActivityPropertyType.Number) { Default = "10" },
        ],
        Outcomes = ["Success", "Redirect", "ClientError", "ServerError", "Failed"],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var url = (await context.GetTextAsync("Url", ct)).Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"'{url}' is not an http(s) URL.");
        }
        var allowed = ActivityDescriptor.SplitLines(context.GetRaw("AllowedHosts")).ToList();
        if (!allowed.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The host '{uri.IdnHost}' is not in the activity's allowed hosts.");
        }
        var allowPrivate = bool.TryParse(context.GetRaw("AllowPrivateNetwork"), out var p) && p;
        await AddressGuard.ResolveAllowedAsync(uri.IdnHost, allowPrivate, ct);

        var timeout = double.TryParse(context.GetRaw("TimeoutSeconds"), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? Math.Clamp(t, 1, 60) : 10;
        using var request = new HttpRequestMessage(new HttpMethod(context.GetRaw("Method") ?? "POST"), uri);
        request.Options.Set(AllowPrivateKey, allowPrivate);
        var body = await context.GetTextAsync("Body", ct);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, context.GetRaw("ContentType") is { Length: > 0 } type ? type : "application/json");
        }
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(TimeSpan.FromSeconds(timeout));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeoutSource.Token);
            var text = await response.Content.ReadAsStringAsync(timeoutSource.Token);
            context.Variables["HttpStatus"] = (int)response.StatusCode;
            context.Variables["HttpResponse"] = text.Length > 65536 ? text[..65536] : text;
            context.Log($"{request.Method} {uri} answered {(int)response.StatusCode}.");
            return ActivityResult.Outcome((int)response.StatusCode switch
            {
                < 300 => "Success",
                < 400 => "Redirect",
                < 500 => "ClientError",
                _ => "ServerError",
            });
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            context.Variables["HttpStatus"] = JsonValue.Create(0);
            context.Log($"{request.Method} {uri} failed: {ex.Message}");
            return ActivityResult.Outcome("Failed");
        }
    }

    /// <summary>The handler: connects only to an address that passed the guard.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, ct) =>
        {
            var allowPrivate = context.InitialRequestMessage.Options.TryGetValue(AllowPrivateKey, out var flag) && flag;
            var addresses = await AddressGuard.ResolveAllowedAsync(context.DnsEndPoint.Host, allowPrivate, ct);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

internal static class AddressGuard
{
    /// <summary>Resolves the host and returns its addresses, or throws when any of them is not public (unless allowed).</summary>
    public static async Task<IPAddress[]> ResolveAllowedAsync(string host, bool allowPrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0)
        {
            throw new InvalidOperationException($"'{host}' does not resolve.");
        }
        if (!allowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } blocked)
        {
            throw new InvalidOperationException($"'{host}' resolves to {blocked}, a loopback, private or link-local address; requests there are refused unless the activity allows private networks.");
        }
        return addresses;
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC || address.IsIPv6Teredo);
        }
        var b = address.GetAddressBytes();
        return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || (b[0] == 192 && b[1] == 0 && b[2] == 0) || b[0] >= 224);
    }
}
