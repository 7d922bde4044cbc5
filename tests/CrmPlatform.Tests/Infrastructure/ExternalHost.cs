using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmPlatform.Tests.Infrastructure;

/// <summary>
/// A database that outlives the host processes started on it (crash and several-node tests): a SQLite file or a fresh
/// PostgreSQL database, dropped on dispose. <see cref="CreateDbContext"/> reads and arranges data directly.
/// </summary>
public sealed class ExternalDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _pgDatabase;

    private ExternalDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? pgDatabase)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _pgDatabase = pgDatabase;
        Folder = Path.Combine(Path.GetTempPath(), "crm-tests", $"external-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A folder for what the hosts share besides the database (file storage, mail pickup).</summary>
    public string Folder { get; }

    public static async Task<ExternalDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "crm-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return new ExternalDatabase(provider, $"Data Source={file}", file, null);
        }
        PostgresApp.RequirePostgres();
        var name = $"crm_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = name }.ToString();
        return new ExternalDatabase(provider, connectionString, null, name);
    }

    /// <summary>A context on the database with every module's model (no current user: writes are attributed to nobody).</summary>
    public CrmDbContext CreateDbContext() =>
        new(CrmDbContextFactory.Build(Provider, ConnectionString), ModuleCatalog.Discover(typeof(Program).Assembly));

    /// <summary>Adds a personal API token for the user with the email and returns its secret.</summary>
    public async Task<string> CreateTokenAsync(string email)
    {
        await using var db = CreateDbContext();
        var user = await db.Set<User>().SingleAsync(u => u.Email == email);
        var secret = ApiTokens.NewSecret();
        db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "external-host-tests", Prefix = secret[..8], TokenHash = ApiTokens.Hash(secret) });
        await db.SaveChangesAsync();
        return secret;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(_sqliteFile + suffix); } catch (IOException) { }
            }
        }
        if (_pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresApp.ServerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// The real host (<c>CrmPlatform.Web.dll</c> from the test output) in a process of its own on a loopback port, for
/// tests that kill it with SIGKILL mid-work or run several nodes on one database. Every host on the same
/// <see cref="ExternalDatabase"/> shares its storage folder and mail pickup folder; the first one runs the unattended
/// setup with the admin <see cref="CrmApp.AdminEmail"/>.
/// </summary>
public sealed class ExternalHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ExternalHost(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote so far (standard output and error), for assertion messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a host on the database and waits until <c>/health/live</c> answers (at most two minutes).</summary>
    public static async Task<ExternalHost> StartAsync(ExternalDatabase database, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "CrmPlatform.Web.dll");
        var contentRoot = Path.Combine(database.Folder, $"node-{port}");
        Directory.CreateDirectory(contentRoot);
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port} --contentRoot \"{contentRoot}\"")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Database__Provider"] = database.Provider.ToString(),
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Setup__AutoSetup"] = "true",
            ["Setup__SiteName"] = "Tests",
            ["Setup__AdminEmail"] = CrmApp.AdminEmail,
            ["Setup__AdminPassword"] = CrmApp.AdminPassword,
            ["Setup__Recipe"] = "setup",
            ["Storage__Root"] = Path.Combine(database.Folder, "storage"),
            ["Mail__PickupFolder"] = Path.Combine(database.Folder, "mail"),
            ["RateLimits__SignIn__PermitLimit"] = "100000",
            ["RateLimits__PublicForms__PermitLimit"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new ExternalHost(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode} while starting:\n{host.Output}");
            }
            try
            {
                if ((await client.GetAsync("health/live")).StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        await host.DisposeAsync();
        throw new TimeoutException($"The host did not answer /health/live within two minutes:\n{host.Output}");
    }

    /// <summary>A client for the host, with a bearer token when given.</summary>
    public HttpClient CreateClient(string? bearerToken = null, bool handleCookies = false)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = handleCookies, CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }
        return client;
    }

    /// <summary>Kills the process at once with SIGKILL (no shutdown code runs), as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
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
        await KillAsync();
        _process.Dispose();
    }
}
