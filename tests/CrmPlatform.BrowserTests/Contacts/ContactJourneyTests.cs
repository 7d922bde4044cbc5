using System.Text.RegularExpressions;
using CrmPlatform.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmPlatform.BrowserTests.Contacts;

public sealed partial class ContactJourneyTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Admin_fixes_a_validation_error_adds_a_note_with_an_attachment_and_finds_the_contact_by_search()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var email = $"hedy.{unique}@example.com";
        await SignInAsAdminAsync();
        await OpenFromMenuAsync("Contacts");
        await Page.GetByRole(AriaRole.Link, new() { Name = "New contact" }).ClickAsync();

        await Page.GetByLabel("Name").FillAsync($"Hedy Lamarr {unique}");
        await Page.GetByLabel("Type").SelectOptionAsync("entrepreneur");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Phone").FillAsync("12345");
        await Page.GetByLabel("Location").FillAsync("Vienna");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create contact" }).ClickAsync();

        var phone = Page.GetByLabel("Phone");
        await Expect(phone).ToHaveClassAsync(InvalidClass());
        await Expect(Page.Locator("#Input_ContactNo ~ .invalid-feedback")).ToContainTextAsync("is not a valid phone number");
        await Expect(Page.GetByLabel("Name")).ToHaveValueAsync($"Hedy Lamarr {unique}");

        await phone.FillAsync($"+1 415 {Random.Shared.Next(200, 999)} {Random.Shared.Next(1000, 9999)}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create contact" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Hedy Lamarr {unique}");

        await Page.GetByRole(AriaRole.Tab, new() { Name = "Notes" }).ClickAsync();
        await Page.GetByLabel("New note").FillAsync("Frequency hopping patent attached.");
        await Page.Locator("#note-file").SetInputFilesAsync(new FilePayload
        {
            Name = "patent.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF"u8.ToArray(),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(Page.Locator("article .text-pre-wrap", new() { HasText = "Frequency hopping patent attached." })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "patent.pdf" })).ToBeVisibleAsync();

        await OpenFromMenuAsync("Contacts");
        await Page.GetByLabel("Search").FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link, new() { Name = $"Hedy Lamarr {unique}" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"Hedy Lamarr {unique}");
        await AssertNoConsoleErrorsAsync();
    }

    [GeneratedRegex("is-invalid")]
    private static partial Regex InvalidClass();
}
