using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrmPlatform.Core.Security;
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
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateKey = OutboundAddressGuard.AllowPrivateKey;

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
        await OutboundAddressGuard.ResolveAllowedAsync(uri.IdnHost, allowPrivate, ct);

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

    /// <summary>The handler: connects only to an address that passed the kernel's guard.</summary>
    public static SocketsHttpHandler CreateHandler() => OutboundAddressGuard.CreateHandler();
}
