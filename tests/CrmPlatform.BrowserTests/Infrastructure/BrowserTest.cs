using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CrmPlatform.BrowserTests.Infrastructure;

/// <summary>
/// Base of browser test classes: a fresh browser context and page per test, every console error and uncaught page
/// error collected in <see cref="ConsoleErrors"/>, and a full-page screenshot under <c>TestResults/screenshots</c>
/// when the test fails.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private readonly List<string> _consoleErrors = [];
    private IBrowserContext? _context;
    private IPage? _page;

    protected BrowserTest(BrowserApp app)
    {
        BrowserApp.RequireChromium();
        App = app;
    }

    protected BrowserApp App { get; }

    protected IPage Page => _page ?? throw new InvalidOperationException("The page is not open yet.");

    /// <summary>Console errors (failed resource loads included) and uncaught script errors seen so far.</summary>
    protected IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    /// <summary>The admin sidebar, where modules' menu items appear.</summary>
    protected ILocator AdminMenu => Page.GetByRole(AriaRole.Navigation, new() { Name = "Admin menu" });

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _context = await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        _context.SetDefaultTimeout(15_000);
        _page = await _context.NewPageAsync();
        _page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add($"{message.Text} (at {message.Location} on {_page.Url})");
            }
        };
        _page.PageError += (_, error) => _consoleErrors.Add($"Uncaught: {error} (on {_page.Url})");
    }

    public async ValueTask DisposeAsync()
    {
        if (_page is not null && TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await SaveScreenshotAsync();
        }
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
        GC.SuppressFinalize(this);
    }

    /// <summary>Signs in through the login form and waits until the site has left it.</summary>
    /// <remarks>The sign-in page is rate limited (10 requests a minute per client): keep UI sign-ins few per run.</remarks>
    protected async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(url => !new Uri(url).AbsolutePath.StartsWith("/login", StringComparison.OrdinalIgnoreCase));
    }

    protected Task SignInAsAdminAsync() => SignInAsync(BrowserApp.AdminEmail, BrowserApp.AdminPassword);

    /// <summary>Clicks an item of the admin menu and waits for its page.</summary>
    protected async Task OpenFromMenuAsync(string text)
    {
        var link = AdminMenu.GetByRole(AriaRole.Link, new() { Name = text, Exact = true });
        var href = await link.GetAttributeAsync("href") ?? throw new InvalidOperationException($"Menu item '{text}' has no link.");
        await link.ClickAsync();
        await Page.WaitForURLAsync(new Regex(Regex.Escape(href) + "$"));
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }

    /// <summary>
    /// Waits until the page's requests are done (late ones such as the favicon log their errors too), then fails with
    /// every console error seen so far, one a line.
    /// </summary>
    protected async Task AssertNoConsoleErrorsAsync()
    {
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.True(_consoleErrors.Count == 0, "Console errors:" + Environment.NewLine + string.Join(Environment.NewLine, _consoleErrors));
    }

    /// <summary>The validation message shown next to a form field (the span tied to it by <c>asp-validation-for</c>).</summary>
    protected ILocator ValidationMessageFor(string fieldName) => Page.Locator($"[data-valmsg-for='{fieldName}']");

    private async Task SaveScreenshotAsync()
    {
        try
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            var name = Regex.Replace(TestContext.Current.Test?.TestDisplayName ?? "test", "[^A-Za-z0-9_.-]+", "_");
            var file = Path.Combine(folder, $"{name}-{DateTime.UtcNow:HHmmss}.png");
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            TestContext.Current.SendDiagnosticMessage($"Screenshot of the failed test: {file}");
        }
        catch (PlaywrightException ex)
        {
            TestContext.Current.SendDiagnosticMessage($"No screenshot: {ex.Message}");
        }
    }
}
