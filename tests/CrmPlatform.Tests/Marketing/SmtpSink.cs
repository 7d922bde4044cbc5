using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CrmPlatform.Tests.Marketing;

/// <summary>
/// A real SMTP server (SmtpServer) on a loopback port in the test process: it stores every message it accepts, and can be
/// told to refuse some recipients (temporarily with 451 or for good with 550) to exercise retries.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store;
    private readonly Task _running;

    private SmtpSink(int port)
    {
        Port = port;
        _store = new Store(this);
        var options = new SmtpServerOptionsBuilder().ServerName("sink.local")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).IsSecure(false))
            .Build();
        var services = new ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    /// <summary>Recipient → how many more times to answer 451 (then accept).</summary>
    public ConcurrentDictionary<string, int> TemporaryFailures { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Recipients always refused with 550.</summary>
    public ConcurrentDictionary<string, bool> PermanentFailures { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static SmtpSink Start()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new SmtpSink(port);
    }

    public IEnumerable<MimeMessage> To(string address) => Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));

    public async Task<bool> WaitForAsync(Func<SmtpSink, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(this))
            {
                return true;
            }
            await Task.Delay(50);
        }
        return condition(this);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Store(SmtpSink sink) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var to = transaction.To.Select(t => $"{t.User}@{t.Host}").FirstOrDefault() ?? "";
            if (sink.PermanentFailures.ContainsKey(to))
            {
                return Task.FromResult(new SmtpResponse((SmtpReplyCode)550, "mailbox unavailable"));
            }
            if (sink.TemporaryFailures.TryGetValue(to, out var left) && left > 0)
            {
                sink.TemporaryFailures[to] = left - 1;
                return Task.FromResult(new SmtpResponse((SmtpReplyCode)451, "try again later"));
            }
            using var stream = new MemoryStream(buffer.ToArray());
            sink.Messages.Enqueue(MimeMessage.Load(stream, cancellationToken));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
