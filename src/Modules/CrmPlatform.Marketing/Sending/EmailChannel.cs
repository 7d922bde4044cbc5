using System.Net.Sockets;
using CrmPlatform.Core.Email;
using CrmPlatform.Marketing.Data;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace CrmPlatform.Marketing.Sending;

/// <summary>Email: MailKit over SMTP when a host is set, else <c>.eml</c> files in the pickup folder.</summary>
public sealed class EmailChannelProvider(IConfiguration configuration, IHostEnvironment environment) : IChannelProvider
{
    public bool Handles(CampaignType channel, MarketingSettings settings) => channel == CampaignType.Email;

    public IChannelSession Open(CampaignType channel, MarketingSettings settings) =>
        settings.SmtpConfigured ? new SmtpSession(settings) : new PickupSession(PickupFolder(configuration, environment), settings);

    public static string PickupFolder(IConfiguration configuration, IHostEnvironment environment) => configuration["Mail:PickupFolder"]
        ?? (configuration["Storage:Root"] is { Length: > 0 } storage ? Path.Combine(storage, "mail") : Path.Combine(environment.ContentRootPath, "App_Data", "mail"));

    /// <summary>The MIME message: text and HTML alternatives, a stable Message-ID, and the RFC 2369/8058 unsubscribe headers.</summary>
    public static MimeMessage Build(OutgoingMessage message, string from, string? fromName)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(fromName ?? "", from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Content.Subject;
        // The same id on every attempt, so a receiving system can recognise a copy.
        mime.MessageId = $"{message.MessageId:N}@crmplatform";
        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mime.Body = new BodyBuilder { TextBody = message.Content.Text, HtmlBody = message.Content.Html }.ToMessageBody();
        return mime;
    }

    public static SecureSocketOptions Tls(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>One SMTP connection, opened on first use and kept for the following messages; reopened after an error.</summary>
    private sealed class SmtpSession(MarketingSettings settings) : IChannelSession
    {
        private SmtpClient? _client;

        public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            MimeMessage mime;
            try
            {
                mime = Build(message, settings.FromAddress, settings.FromName);
            }
            catch (ParseException ex)
            {
                return SendOutcome.Fail($"Invalid address: {ex.Message}");
            }
            var hook = message.Commit is { } commit ? new CommitHook(commit) : null;
            if (hook is not null)
            {
                mime.Body = new CommittingBody(mime.Body!, hook);
            }
            try
            {
                var client = await ConnectAsync(ct);
                try
                {
                    await client.SendAsync(mime, ct);
                }
                catch (Exception ex) when (ex is IOException or SmtpProtocolException or ServiceNotConnectedException && hook?.Called != true)
                {
                    // A reused connection the server had dropped (idle timeout, session limit): the message did not get
                    // through, so it goes once more on a fresh connection before it counts as a failed attempt.
                    Reset();
                    client = await ConnectAsync(ct);
                    await client.SendAsync(mime, ct);
                }
                return SendOutcome.Ok() with { Committed = hook?.Called == true };
            }
            catch (Exception ex) when (hook is { Refused: true })
            {
                // The data was cut off before its end: the server drops the unfinished message.
                _ = ex;
                Reset();
                return new SendOutcome(false, false, "Already sent by another sender.", null) { AlreadySent = true };
            }
            catch (SmtpCommandException ex)
            {
                // 5xx replies are final for this message (unknown mailbox, rejected content); 4xx ones are worth retrying.
                // The connection itself stays usable after a refused command.
                var error = $"SMTP {(int)ex.StatusCode}: {ex.Message}";
                return ((int)ex.StatusCode >= 500 ? SendOutcome.Fail(error) : SendOutcome.Retry(error)) with { Committed = hook?.Called == true };
            }
            catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException or TimeoutException or SslHandshakeException)
            {
                Reset();
                return SendOutcome.Retry($"{ex.GetType().Name}: {ex.Message}") with { Committed = hook?.Called == true };
            }
        }

        private async Task<SmtpClient> ConnectAsync(CancellationToken ct)
        {
            if (_client is { IsConnected: true } connected)
            {
                return connected;
            }
            _client?.Dispose();
            var client = new SmtpClient { Timeout = 30_000 };
            try
            {
                await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, Tls(settings.SmtpTls), ct);
                if (!string.IsNullOrEmpty(settings.SmtpUserName))
                {
                    await client.AuthenticateAsync(settings.SmtpUserName, settings.SmtpPassword ?? "", ct);
                }
            }
            catch
            {
                client.Dispose();
                throw;
            }
            return _client = client;
        }

        private void Reset()
        {
            _client?.Dispose();
            _client = null;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is { IsConnected: true } client)
            {
                try
                {
                    await client.DisconnectAsync(true);
                }
                catch (Exception ex) when (ex is IOException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
                {
                    // the server went away first
                }
            }
            _client?.Dispose();
        }
    }

    private sealed class PickupSession(string folder, MarketingSettings settings) : IChannelSession
    {
        public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken ct)
        {
            MimeMessage mime;
            try
            {
                mime = Build(message, settings.FromAddress, settings.FromName);
            }
            catch (ParseException ex)
            {
                return SendOutcome.Fail($"Invalid address: {ex.Message}");
            }
            Directory.CreateDirectory(folder);
            // Written under a temporary name and renamed, so a pickup reader never sees half a file; named by message id so a
            // second attempt replaces rather than duplicates.
            var path = Path.Combine(folder, $"{message.MessageId:N}.eml");
            var temp = path + ".tmp";
            await mime.WriteToAsync(temp, ct);
            File.Move(temp, path, overwrite: true);
            return SendOutcome.Ok();
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// The kernel's <see cref="IEmailSender"/> (workflows' Send email task, account emails) through the marketing SMTP settings
/// when a server is configured, else the pickup folder like the kernel's default.
/// </summary>
public sealed class MarketingEmailSender(MarketingSettingsProvider settingsProvider, IConfiguration configuration, IHostEnvironment environment) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var settings = await settingsProvider.GetAsync(ct);
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(message.From ?? (settings.SmtpConfigured ? settings.FromAddress : configuration["Mail:From"] ?? settings.FromAddress)));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        if (!settings.SmtpConfigured)
        {
            var folder = EmailChannelProvider.PickupFolder(configuration, environment);
            Directory.CreateDirectory(folder);
            await mime.WriteToAsync(Path.Combine(folder, $"{Guid.CreateVersion7():N}.eml"), ct);
            return;
        }
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, EmailChannelProvider.Tls(settings.SmtpTls), ct);
        if (!string.IsNullOrEmpty(settings.SmtpUserName))
        {
            await client.AuthenticateAsync(settings.SmtpUserName, settings.SmtpPassword ?? "", ct);
        }
        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>Calls the commit callback once; remembers whether it ran and whether it refused.</summary>
internal sealed class CommitHook(Func<CancellationToken, Task<bool>> commit)
{
    public bool Called { get; private set; }
    public bool Refused { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        if (Called)
        {
            return;
        }
        Called = true;
        if (!await commit(ct))
        {
            Refused = true;
            throw new OperationCanceledException("The message was already sent by another sender.");
        }
    }
}

/// <summary>
/// The message body, written as is, that runs the commit hook when it has been written to the SMTP data stream: MailKit
/// writes the end-of-data dot only after the body, so the message is recorded as sent before the server can accept it.
/// Writes that only measure the message (for the SIZE extension) do not trigger it.
/// </summary>
internal sealed class CommittingBody : MimeEntity
{
    private readonly MimeEntity _inner;
    private readonly CommitHook _hook;

    public CommittingBody(MimeEntity inner, CommitHook hook) : base(inner.ContentType)
    {
        _inner = inner;
        _hook = hook;
        Headers.Clear();
        foreach (var header in inner.Headers)
        {
            Headers.Add(header);
        }
    }

    public override void Prepare(EncodingConstraint constraint, int maxLineLength = 78) => _inner.Prepare(constraint, maxLineLength);

    public override void WriteTo(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        _inner.WriteTo(options, stream, contentOnly, cancellationToken);
        if (stream is not MimeKit.IO.MeasuringStream)
        {
            _hook.RunAsync(cancellationToken).GetAwaiter().GetResult();
        }
    }

    public override async Task WriteToAsync(FormatOptions options, Stream stream, bool contentOnly, CancellationToken cancellationToken = default)
    {
        await _inner.WriteToAsync(options, stream, contentOnly, cancellationToken);
        if (stream is not MimeKit.IO.MeasuringStream)
        {
            await _hook.RunAsync(cancellationToken);
        }
    }
}
