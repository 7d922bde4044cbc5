using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CrmPlatform.Core.Security;
using CrmPlatform.Marketing.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CrmPlatform.Marketing.Sending;

/// <summary>
/// SMS and WhatsApp through an HTTP API in Twilio's REST format: <c>POST {base}/2010-04-01/Accounts/{sid}/Messages.json</c>
/// with form fields To, From, Body and StatusCallback, HTTP Basic auth (sid, token), answering JSON with the message
/// <c>sid</c>. WhatsApp addresses carry the <c>whatsapp:</c> prefix. The client goes through the SSRF guard; private
/// addresses are reachable only when the admin allowed them for the provider.
/// </summary>
public sealed class TwilioChannelProvider : IChannelProvider, IDisposable
{
    private readonly HttpClient _public = new(OutboundAddressGuard.CreateHandler()) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HttpClient _private = new(OutboundAddressGuard.CreateHandler(allowPrivateByDefault: true)) { Timeout = TimeSpan.FromSeconds(30) };

    public bool Handles(CampaignType channel, MarketingSettings settings) =>
        channel is CampaignType.Sms or CampaignType.Whatsapp && settings.TextProvider == TextProviderKind.Twilio;

    public IChannelSession Open(CampaignType channel, MarketingSettings settings) =>
        new Session(settings.AllowPrivateProviderAddress ? _private : _public, channel, settings);

    public void Dispose()
    {
        _public.Dispose();
        _private.Dispose();
    }

    private sealed class Session(HttpClient http, CampaignType channel, MarketingSettings settings) : IChannelSession
    {
        public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            var from = channel == CampaignType.Whatsapp ? settings.WhatsappFrom : settings.SmsFrom;
            if (string.IsNullOrWhiteSpace(from))
            {
                return SendOutcome.Fail($"No sender number is set for {channel.ToString().ToLowerInvariant()} in the marketing settings.");
            }
            var prefix = channel == CampaignType.Whatsapp ? "whatsapp:" : "";
            var fields = new List<KeyValuePair<string, string>>
            {
                new("To", prefix + message.To),
                new("From", prefix + from),
                new("Body", message.Content.Text),
            };
            if (message.StatusCallbackUrl is { } callback)
            {
                fields.Add(new("StatusCallback", callback));
            }
            var url = $"{settings.TwilioBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.TwilioAccountSid ?? "")}/Messages.json";
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.TwilioAccountSid}:{settings.TwilioAuthToken}")));
            try
            {
                using var response = await http.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    return SendOutcome.Ok(ReadString(body, "sid"));
                }
                var error = $"Provider answered {(int)response.StatusCode}: {ReadString(body, "message") ?? body[..Math.Min(body.Length, 300)]}";
                return response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500 ? SendOutcome.Retry(error) : SendOutcome.Fail(error);
            }
            catch (OutboundAddressException ex)
            {
                return SendOutcome.Fail(ex.Message);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                return SendOutcome.Retry($"Provider unreachable: {ex.Message}");
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static string? ReadString(string json, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// The development provider: each SMS/WhatsApp message becomes a line of JSON in <c>{storage}/sms/{channel}.jsonl</c>
/// (<c>Marketing:TextFolder</c> overrides the folder). Nothing leaves the machine.
/// </summary>
public sealed class FileChannelProvider(IConfiguration configuration, IHostEnvironment environment) : IChannelProvider
{
    private static readonly SemaphoreSlim Lock = new(1, 1);

    public bool Handles(CampaignType channel, MarketingSettings settings) =>
        channel is CampaignType.Sms or CampaignType.Whatsapp && settings.TextProvider == TextProviderKind.File;

    public IChannelSession Open(CampaignType channel, MarketingSettings settings) => new Session(Folder, channel);

    public string Folder => configuration["Marketing:TextFolder"]
        ?? (configuration["Storage:Root"] is { Length: > 0 } storage ? Path.Combine(storage, "sms") : Path.Combine(environment.ContentRootPath, "App_Data", "sms"));

    private sealed class Session(string folder, CampaignType channel) : IChannelSession
    {
        public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            Directory.CreateDirectory(folder);
            var line = JsonSerializer.Serialize(new { id = message.MessageId, to = message.To, body = message.Content.Text, at = DateTime.UtcNow }) + "\n";
            await Lock.WaitAsync(ct);
            try
            {
                await File.AppendAllTextAsync(Path.Combine(folder, $"{channel.ToString().ToLowerInvariant()}.jsonl"), line, ct);
            }
            finally
            {
                Lock.Release();
            }
            return SendOutcome.Ok($"file-{message.MessageId:N}");
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
