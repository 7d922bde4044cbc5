using CrmPlatform.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmPlatform.BrowserTests.Admin;

public sealed class SettingsTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Admin_opens_settings_from_the_menu_sees_validation_messages_then_saves()
    {
        await SignInAsAdminAsync();
        await Expect(Page).ToHaveURLAsync(new Uri(App.BaseAddress, "/admin").ToString());

        await OpenFromMenuAsync("Settings");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Settings" })).ToBeVisibleAsync();
        var siteName = Page.GetByLabel("Site name");
        var region = Page.GetByLabel("Default phone region");

        await siteName.FillAsync("");
        await region.FillAsync("1X");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(ValidationMessageFor("Input.SiteName")).Not.ToBeEmptyAsync();
        await Expect(ValidationMessageFor("Input.DefaultPhoneRegion")).ToHaveTextAsync("Default phone region must be a two-letter country code such as US or GB.");
        await Expect(siteName).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("input-validation-error"));
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);

        await siteName.FillAsync("Browser test site");
        await region.FillAsync("gb");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Settings saved.");
        await Expect(ValidationMessageFor("Input.SiteName")).ToBeEmptyAsync();
        await Expect(siteName).ToHaveValueAsync("Browser test site");
        await Expect(region).ToHaveValueAsync("GB");
        await AssertNoConsoleErrorsAsync();
    }
}
