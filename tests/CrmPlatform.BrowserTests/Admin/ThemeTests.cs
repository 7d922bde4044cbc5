using System.Net;
using CrmPlatform.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmPlatform.BrowserTests.Admin;

public sealed class ThemeTests(BrowserApp app) : BrowserTest(app)
{
    // Restored from npm by the admin theme's build and served as the theme's static web assets.
    public static TheoryData<string> FrontEndFiles =>
    [
        "/_content/CrmPlatform.Themes.Admin/lib/bootstrap/css/bootstrap.min.css",
        "/_content/CrmPlatform.Themes.Admin/lib/bootstrap/js/bootstrap.bundle.min.js",
        "/_content/CrmPlatform.Themes.Admin/lib/bootstrap-icons/bootstrap-icons.min.css",
        "/_content/CrmPlatform.Themes.Admin/lib/bootstrap-icons/fonts/bootstrap-icons.woff2",
        "/_content/CrmPlatform.Themes.Admin/lib/htmx/htmx.min.js",
        "/_content/CrmPlatform.Themes.Admin/lib/chartjs/chart.umd.min.js",
        "/_content/CrmPlatform.Themes.Admin/css/admin.css",
        "/_content/CrmPlatform.Themes.Admin/js/admin.js",
        "/_content/CrmPlatform.Themes.Admin/favicon.svg",
        "/_content/CrmPlatform.Themes.Public/css/public.css",
    ];

    [Theory]
    [MemberData(nameof(FrontEndFiles))]
    public async Task Theme_files_are_served(string path)
    {
        var response = await Page.APIRequest.GetAsync(path);

        Assert.Equal((int)HttpStatusCode.OK, response.Status);
        Assert.NotEmpty(await response.BodyAsync());
    }

    [Fact]
    public async Task Admin_pages_load_their_scripts_and_styles_without_console_errors()
    {
        await SignInAsAdminAsync();
        foreach (var item in new[] { "Features", "Recipes", "Settings", "Audit log", "Dashboard" })
        {
            await OpenFromMenuAsync(item);
            await Expect(Page.Locator("main h1")).ToBeVisibleAsync();
        }

        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.bootstrap?.Offcanvas === 'function'"), "Bootstrap's script did not load.");
        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.htmx?.ajax === 'function'"), "htmx did not load.");
        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.Chart === 'function'"), "Chart.js did not load.");
        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.crm?.renderCharts === 'function'"), "admin.js did not load.");
        // Bootstrap's stylesheet applied: its reboot sets the body margin to 0 (browsers default to 8px).
        Assert.Equal("0px", await Page.EvaluateAsync<string>("() => getComputedStyle(document.body).marginTop"));
        await AssertNoConsoleErrorsAsync();
    }

    [Fact]
    public async Task Sign_in_page_has_no_console_errors()
    {
        await Page.GotoAsync("/login");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();

        Assert.True(await Page.EvaluateAsync<bool>("() => typeof window.bootstrap?.Modal === 'function'"), "Bootstrap's script did not load.");
        await AssertNoConsoleErrorsAsync();
    }
}
