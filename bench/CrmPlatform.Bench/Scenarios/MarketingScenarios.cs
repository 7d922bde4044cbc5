using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CrmPlatform.Bench.Load;
using MailKit.Net.Smtp;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Storage;

namespace CrmPlatform.Bench.Scenarios;

/// <summary>The marketing benchmarks of issue 7: creating a campaign's message rows, and sending through SMTP.</summary>
internal static class MarketingScenarios
{
    public static IEnumerable<IScenario> All() => [new CampaignRecipientsScenario(), new CampaignSendScenario()];

    /// <summary>A fresh category with <paramref name="count"/> contacts that are all valid email recipients.</summary>
    public static async Task<Guid> CategoryAsync(BenchContext context, string label, string areaCode, int count, CancellationToken ct)
    {
        var categoryId = Guid.CreateVersion7();
        var now = DateTime.UtcNow;
        await context.Database.WriteAsync("contact_categories", ["id", "name", "normalized_name", "description", "is_active", "created_at", "updated_at"],
            [[categoryId, label, label.ToLowerInvariant(), "Bench recipients", true, now, now]], ct);
        var tag = categoryId.ToString("N")[^8..];
        await context.Database.WriteAsync("contacts",
            ["id", "name", "contact_no", "email_id", "location", "type", "company", "normalized_name", "normalized_company", "category_id", "created_at", "updated_at"],
            Enumerable.Range(0, count).Select(i => new object?[]
            {
                Guid.CreateVersion7(), $"Recipient {i}", $"+1{areaCode}{i:0000000}",
                $"r{i}.{tag}@bench.example", "Bench", "employee", $"Co {i % 100}", $"recipient {i}", $"co {i % 100}", categoryId, now, now,
            }), ct);
        return categoryId;
    }

    public static async Task<Guid> CreateCampaignAsync(BenchContext context, Guid categoryId, CancellationToken ct)
    {
        var response = await context.Api.PostAsJsonAsync("api/v1/campaigns", new
        {
            name = "Bench " + Guid.NewGuid().ToString("N")[..8],
            type = "email",
            subject = "Hello {{ contact.first_name }}",
            content = "<p>Dear {{ contact.name }} of {{ contact.company }},</p><p><a href=\"https://example.com/offer\">See the offer</a></p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>",
            categoryId,
        }, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating the campaign answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
    }
}

/// <summary>
/// POST /send on a campaign whose category has 100,000 recipients (10,000 quick): the rows are created by one
/// INSERT … SELECT before the answer (issue 7: &lt; 5 s). The floor is the bulk writer inserting the same number of rows.
/// The campaign is cancelled right after, so nothing is sent.
/// </summary>
internal sealed class CampaignRecipientsScenario : IScenario
{
    public const int FullRecipients = 100_000;

    public string Name => "campaign-recipients";
    public string Target => "100k message rows < 5 s";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var count = context.Options.Quick ? FullRecipients / 10 : FullRecipients;
        var categoryId = await MarketingScenarios.CategoryAsync(context, "Bench recipients", "800", count, ct);
        var campaignId = await MarketingScenarios.CreateCampaignAsync(context, categoryId, ct);
        // Paused sending would still write files: cancel at once after the timed call.
        var ours = await LoadRunner.TimeAsync(async () =>
        {
            var response = await context.Api.PostAsync($"api/v1/campaigns/{campaignId}/send", null, ct);
            var ok = response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("totalRecipients").GetInt32() == count;
            await context.Api.PostAsync($"api/v1/campaigns/{campaignId}/cancel", null, ct);
            return ok;
        }, count);

        var floorCampaign = Guid.CreateVersion7();
        var now = DateTime.UtcNow;
        await context.Database.WriteAsync("marketing_campaigns", ["id", "name", "type", "status", "subject", "content", "total_recipients", "sent_count", "delivered_count", "opened_count", "clicked_count", "created_at", "updated_at"],
            [[floorCampaign, "Floor", "email", "cancelled", "s", "c", 0, 0, 0, 0, 0, now, now]], ct);
        var contacts = await ContactIdsAsync(context, categoryId, ct);
        var raw = await LoadRunner.TimeAsync(async () =>
        {
            await context.Database.WriteAsync("marketing_messages", ["id", "status", "campaign_id", "contact_id", "recipient", "attempts", "next_attempt_at", "created_at", "updated_at"],
                contacts.Select(c => new object?[] { Guid.CreateVersion7(), "pending", floorCampaign, c, "x@bench.example", 0, now, now, now }), ct);
            return true;
        }, count);
        return new ScenarioResult(Name, Target, ours, raw, $"{count:N0} rows: {ours.Elapsed.TotalSeconds:F2} s through POST /send (raw bulk insert {raw.Elapsed.TotalSeconds:F2} s)");
    }

    private static async Task<List<Guid>> ContactIdsAsync(BenchContext context, Guid categoryId, CancellationToken ct)
    {
        await using var connection = context.Database.Open();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM contacts WHERE category_id = @c";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@c";
        parameter.Value = context.Database.Provider == CrmPlatform.Core.Data.DatabaseProvider.PostgreSql ? categoryId : categoryId.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetValue(0) is Guid g ? g : Guid.Parse(reader.GetString(0)));
        }
        return ids;
    }
}

/// <summary>
/// Sends 100,000 emails (1,000 quick) to an SMTP sink run by this process, from POST /send until the campaign is
/// completed (issue 7: ≥ 500 messages/s on 2 cores). The floor is MailKit sending the same number of messages over one
/// connection to the same sink without the application.
/// </summary>
internal sealed class CampaignSendScenario : IScenario
{
    public const int FullMessages = 100_000;
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public string Name => "campaign-send";
    public string Target => "≥ 500 msgs/s";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var count = context.Options.Quick ? FullMessages / 100 : FullMessages;
        // The floor is a rate: a few hundred messages measure it (the sink takes tens of milliseconds per message on one connection).
        var rawCount = Math.Min(count, 500);
        using var stop = new CancellationTokenSource();
        var sink = new Sink();
        var port = FreePort();
        var options = new SmtpServerOptionsBuilder().ServerName("bench-sink").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).IsSecure(false)).Build();
        var services = new ServiceProvider();
        services.Add(sink);
        var server = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);

        // The host reads the Marketing site setting (cached for 5 s): point it at the sink, four connections, no rate cap.
        var settings = JsonSerializer.Serialize(new { smtpHost = "127.0.0.1", smtpPort = port, smtpTls = 1, fromAddress = "bench@bench.example", emailRatePerSecond = 10_000, emailConcurrency = 4, publicBaseUrl = "http://bench.example" }, WebJson);
        await context.Database.WriteAsync("site_settings", ["key", "value", "updated_at"], [["Marketing", settings, DateTime.UtcNow]], ct);
        await Task.Delay(TimeSpan.FromSeconds(6), ct);

        var categoryId = await MarketingScenarios.CategoryAsync(context, "Bench send", "801", count, ct);
        var campaignId = await MarketingScenarios.CreateCampaignAsync(context, categoryId, ct);
        var cpuBefore = context.Host.CpuTime;
        var ours = await LoadRunner.TimeAsync(async () =>
        {
            var response = await context.Api.PostAsync($"api/v1/campaigns/{campaignId}/send", null, ct);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine(await response.Content.ReadAsStringAsync(ct));
                return false;
            }
            while (true)
            {
                await Task.Delay(250, ct);
                var campaign = await context.Api.GetFromJsonAsync<JsonElement>($"api/v1/campaigns/{campaignId}", ct);
                if (campaign.GetProperty("status").GetString() == "completed")
                {
                    // A message is recorded as sent just before its end-of-data dot, so the campaign can complete a
                    // moment before the sink has stored the last messages: give them a few seconds to land.
                    for (var wait = 0; wait < 50 && sink.Count < count; wait++)
                    {
                        await Task.Delay(100, ct);
                    }
                    return campaign.GetProperty("sentCount").GetInt32() == count && sink.Count == count;
                }
            }
        }, count);
        var hostCpu = context.Host.CpuTime - cpuBefore;

        var before = sink.Count;
        var raw = await LoadRunner.TimeAsync(async () =>
        {
            var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None, ct);
            for (var i = 0; i < rawCount; i++)
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse("bench@bench.example"));
                message.To.Add(MailboxAddress.Parse($"raw{i}@bench.example"));
                message.Subject = "Hello";
                message.Body = new BodyBuilder { TextBody = $"Dear {i}", HtmlBody = $"<p>Dear {i}</p>" }.ToMessageBody();
                try
                {
                    await client.SendAsync(message, ct);
                }
                catch (SmtpProtocolException)
                {
                    // The sink library drops long sessions now and then; the application reconnects the same way.
                    client.Dispose();
                    client = new SmtpClient();
                    await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.None, ct);
                    await client.SendAsync(message, ct);
                }
            }
            await client.DisconnectAsync(true, ct);
            client.Dispose();
            return sink.Count - before == rawCount;
        }, rawCount);
        await stop.CancelAsync();
        try
        {
            await server;
        }
        catch (OperationCanceledException)
        {
        }
        return new ScenarioResult(Name, Target, ours, raw,
            $"{count:N0} emails in {ours.Elapsed.TotalSeconds:F1} s = {ours.Throughput:N0} msgs/s (4 SMTP connections; host CPU {hostCpu.TotalSeconds:F1} s); raw MailKit, one connection: {raw.Throughput:N0} msgs/s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Sink : MessageStore
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return Task.FromResult(SmtpServer.Protocol.SmtpResponse.Ok);
        }
    }
}
