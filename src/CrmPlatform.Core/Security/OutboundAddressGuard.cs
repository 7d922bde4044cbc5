using System.Net;
using System.Net.Sockets;

namespace CrmPlatform.Core.Security;

/// <summary>
/// The SSRF guard for every outbound HTTP call the platform makes on a user's or an admin's behalf (workflow HTTP
/// requests, SMS/WhatsApp providers, webhooks): a host's addresses are resolved and checked, and the connection is made
/// to a checked address (no DNS rebinding between the check and the connect). Loopback, private, link-local, shared
/// and multicast addresses are refused unless the caller allows private networks for that request.
/// </summary>
public static class OutboundAddressGuard
{
    /// <summary>Set on a request (<c>request.Options.Set(AllowPrivateKey, true)</c>) to let it reach private addresses.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateKey = new("crm.allow-private");

    /// <summary>Resolves the host and returns its addresses, or throws when any of them is not public (unless allowed).</summary>
    public static async Task<IPAddress[]> ResolveAllowedAsync(string host, bool allowPrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0)
        {
            throw new OutboundAddressException($"'{host}' does not resolve.");
        }
        if (!allowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } blocked)
        {
            throw new OutboundAddressException($"'{host}' resolves to {blocked}, a loopback, private or link-local address; requests there are refused unless private networks are allowed.");
        }
        return addresses;
    }

    /// <summary>
    /// A handler that connects only to addresses that passed the guard; redirects are not followed and no cookies are
    /// kept. A request may reach private addresses when it carries <see cref="AllowPrivateKey"/> or when
    /// <paramref name="allowPrivateByDefault"/> is true (e.g. a provider whose base URL an admin set to a local relay).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivateByDefault = false) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, ct) =>
        {
            var allowPrivate = allowPrivateByDefault
                || (context.InitialRequestMessage.Options.TryGetValue(AllowPrivateKey, out var flag) && flag);
            var addresses = await ResolveAllowedAsync(context.DnsEndPoint.Host, allowPrivate, ct);
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

/// <summary>An outbound URL's host is refused by <see cref="OutboundAddressGuard"/> (or does not resolve).</summary>
public sealed class OutboundAddressException(string message) : InvalidOperationException(message);
