using System.Net;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(CrmPlatform.BrowserTests.Infrastructure.BrowserApp))]

namespace CrmPlatform.BrowserTests.Infrastructure;

/// <summary>
/// The real host on Kestrel (loopback, a free port) on a fresh SQLite file, set up unattended with the setup recipe,
/// and one headless Debian Chromium driven by Playwright. One instance serves the whole assembly; each test gets its
/// own browser context (cookies) through <see cref="BrowserTest"/>.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string AdminEmail = "admin@browser.local";
    public const string AdminPassword = "Admin12345!";
    public const string DefaultPassword = "Passw0rd1234";

    // Without the background-networking flags Chromium keeps calling home, and this machine's closed network refuses it.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "crm-browser-tests", Guid.NewGuid().ToString("N"));
    private Host? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the site answers, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium was not started.");

    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("The host was not started.")).Services;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test when Chromium is not installed — except in CI, where that is a failure.</summary>
    public static void RequireChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }
        if (IsCi)
        {
            throw new InvalidOperationException($"CI=true but {ChromiumPath} is missing: the browser suite must run in CI (.ci/run installs Debian's chromium).");
        }
        Assert.Skip($"Browser tests skipped: {ChromiumPath} is missing (apt-get install chromium).");
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath) && !IsCi)
        {
            return; // every test skips through RequireChromium()
        }
        RequireChromium();
        Directory.CreateDirectory(_root);
        _host = new Host(Path.Combine(_root, "crm.db"));
        _host.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Creates an active user in the role (unique email unless given) with <see cref="DefaultPassword"/>.</summary>
    public async Task<User> CreateUserAsync(UserRole role, string? email = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User
        {
            Email = email ?? $"{role.ToName()}-{Guid.NewGuid():N}@browser.local",
            FirstName = "Browser",
            LastName = role.ToTitle(),
            Role = role,
            EmailConfirmed = true,
        };
        user.UserName = user.Email;
        var result = await users.CreateAsync(user, DefaultPassword);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        return user;
    }

    /// <summary>Runs code with a fresh scope's context (to arrange data or check what a screen wrote).</summary>
    public async Task<T> WithDbAsync<T>(Func<CrmDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }

    private sealed class Host(string databaseFile) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error));
            builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
            builder.UseSetting("Database:ConnectionString", $"Data Source={databaseFile}");
            builder.UseSetting("Setup:AutoSetup", "true");
            builder.UseSetting("Setup:SiteName", "Browser tests");
            builder.UseSetting("Setup:AdminEmail", AdminEmail);
            builder.UseSetting("Setup:AdminPassword", AdminPassword);
            builder.UseSetting("Setup:Recipe", "setup");
            builder.UseSetting("Storage:Root", Path.Combine(Path.GetDirectoryName(databaseFile)!, "storage"));
            // Every browser test signs in from 127.0.0.1; the per-client limits are tested in the integration suite.
            builder.UseSetting("RateLimits:SignIn:PermitLimit", "100000");
            builder.UseSetting("RateLimits:PublicForms:PermitLimit", "100000");
        }
    }
}
