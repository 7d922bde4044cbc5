using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Bench.Hosting;

/// <summary>
/// The real host (Release build of src/CrmPlatform.Web) in its own process on a loopback port, so the figures
/// include Kestrel, middleware, authentication and EF Core exactly as in production. Memory is read from /proc.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CancellationTokenSource _sampling = new();
    private readonly Task _sampler;
    private long _peakRssBytes;
    private long _windowPeakRssBytes;

    private HostProcess(Process process, Uri baseAddress, TimeSpan coldStart)
    {
        _process = process;
        BaseAddress = baseAddress;
        ColdStart = coldStart;
        _sampler = Task.Run(SampleAsync);
    }

    public Uri BaseAddress { get; }

    /// <summary>Process start to the first 200 from <c>/health</c> (migrations of an up-to-date database included).</summary>
    public TimeSpan ColdStart { get; }

    public long PeakRssBytes => Math.Max(Interlocked.Read(ref _peakRssBytes), ReadStatus("VmHWM:"));

    public long CurrentRssBytes => ReadStatus("VmRSS:");

    /// <summary>Starts a new measuring window (one scenario) for <see cref="WindowPeakRssBytes"/>.</summary>
    public void ResetWindowPeak() => Interlocked.Exchange(ref _windowPeakRssBytes, ReadStatus("VmRSS:"));

    /// <summary>The highest RSS sampled (every 100 ms) since <see cref="ResetWindowPeak"/>.</summary>
    public long WindowPeakRssBytes => Math.Max(Interlocked.Read(ref _windowPeakRssBytes), ReadStatus("VmRSS:"));

    /// <summary>CPU time the host has used so far (user + system): divided by operations, the CPU cost of one request.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task BuildAsync(string root)
    {
        var build = Process.Start(new ProcessStartInfo("dotnet", "build src/CrmPlatform.Web -c Release -nologo -v q") { WorkingDirectory = root })!;
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("Building the host in Release failed.");
        }
    }

    public static async Task<HostProcess> StartAsync(string root, DatabaseProvider provider, string connectionString, string contentRoot, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var dll = Path.Combine(root, "src", "CrmPlatform.Web", "bin", "Release", "net10.0", "CrmPlatform.Web.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port} --contentRoot \"{contentRoot}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Database__Provider"] = provider.ToString();
        info.Environment["Database__ConnectionString"] = connectionString;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Setup__AutoSetup"] = "true";
        info.Environment["Setup__AdminEmail"] = BenchAdmin.Email;
        info.Environment["Setup__AdminPassword"] = BenchAdmin.Password;
        info.Environment["Setup__Recipe"] = "setup";
        info.Environment["RateLimits__PublicForms__PermitLimit"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && line.Contains("fail", StringComparison.OrdinalIgnoreCase)) { Console.Error.WriteLine("  host: " + line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) { Console.Error.WriteLine("  host: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode} while starting.");
            }
            try
            {
                if ((await client.GetAsync("health")).StatusCode == HttpStatusCode.OK)
                {
                    return new HostProcess(process, baseAddress, clock.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(20);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The host did not answer /health within 5 minutes.");
    }

    private async Task SampleAsync()
    {
        while (!_sampling.IsCancellationRequested)
        {
            var rss = ReadStatus("VmRSS:");
            if (rss > Interlocked.Read(ref _peakRssBytes))
            {
                Interlocked.Exchange(ref _peakRssBytes, rss);
            }
            if (rss > Interlocked.Read(ref _windowPeakRssBytes))
            {
                Interlocked.Exchange(ref _windowPeakRssBytes, rss);
            }
            try
            {
                await Task.Delay(100, _sampling.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private long ReadStatus(string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _sampling.CancelAsync();
        await _sampler;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _sampling.Dispose();
    }
}

internal static class BenchAdmin
{
    public const string Email = "bench-admin@bench.local";
    public const string Password = "BenchAdmin12345";
}
