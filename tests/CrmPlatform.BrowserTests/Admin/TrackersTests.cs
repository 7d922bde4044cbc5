using System.Text.RegularExpressions;
using CrmPlatform.BrowserTests.Infrastructure;
using CrmPlatform.Contacts.Data;
using CrmPlatform.CrmTrackers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmPlatform.BrowserTests.Admin;

public sealed partial class TrackersTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Admin_builds_a_tracker_with_custom_fields_creates_a_lead_moves_it_on_the_board_and_sees_the_report_change()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var contactEmail = $"buyer-{suffix}@browser.local";
        await App.WithDbAsync(async db =>
        {
            var contact = new Contact { Name = "Board Buyer", EmailId = contactEmail, ContactNo = "+12025550" + Random.Shared.Next(100, 999), Location = "Lyon", Type = ContactType.Employee };
            contact.Normalize();
            db.Add(contact);
            return await db.SaveChangesAsync();
        });

        await SignInAsAdminAsync();
        await OpenFromMenuAsync("Pipelines");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Pipelines" })).ToBeVisibleAsync();

        // The tracker and its three custom fields: a required select, a number and a boolean.
        var trackerName = $"Browser pipeline {suffix}";
        await Page.GetByRole(AriaRole.Link, new() { Name = "New tracker" }).ClickAsync();
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(trackerName);
        await Page.GetByLabel("Description").FillAsync("Made by the browser test");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tracker saved.");
        var trackerId = Guid.Parse(TrackerIdInUrl().Match(Page.Url).Groups[1].Value);

        await AddFieldAsync("Industry", "industry", "select", required: true, options: "Retail\nTech\nHealth");
        await AddFieldAsync("Employees", "employees", "number", required: false, options: null);
        await AddFieldAsync("Partner referral", "partner_referral", "boolean", required: false, options: null);
        var fieldRows = Page.Locator("tr[data-field-id]");
        await Expect(fieldRows).ToHaveCountAsync(3);
        await Expect(fieldRows.Nth(0)).ToContainTextAsync("Industry *");
        await Expect(fieldRows.Nth(1)).ToContainTextAsync("number");
        await Expect(fieldRows.Nth(2)).ToContainTextAsync("boolean");

        // A lead without the required custom field is refused, with the message next to that field.
        await Page.GotoAsync($"/admin/trackers/{trackerId}/board");
        await Page.GetByRole(AriaRole.Link, new() { Name = "New lead" }).ClickAsync();
        var leadTitle = $"Browser deal {suffix}";
        await Page.GetByLabel("Title").FillAsync(leadTitle);
        await Page.GetByLabel("Contact email").FillAsync(contactEmail);
        await Page.GetByLabel("Estimated value").FillAsync("1500.50");
        await Page.GetByLabel("Employees").FillAsync("42");
        await Page.GetByLabel("Partner referral").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The lead was not saved");
        var industry = Page.Locator("#cf-industry");
        await Expect(industry).ToHaveClassAsync(new Regex("is-invalid"));
        await Expect(Page.Locator("#cf-industry ~ .invalid-feedback")).ToHaveTextAsync("Industry is required.");
        await Expect(Page.Locator("#cf-industry ~ .invalid-feedback")).ToBeVisibleAsync();
        // What was typed is kept, and nothing was written.
        await Expect(Page.GetByLabel("Title")).ToHaveValueAsync(leadTitle);
        await Expect(Page.GetByLabel("Employees")).ToHaveValueAsync("42");
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<Lead>().CountAsync(l => l.TrackerId == trackerId, Ct)));

        await industry.SelectOptionAsync("Tech");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Lead created.");
        await Expect(Page.Locator("body")).ToContainTextAsync("Tech");

        // The report counts it as new.
        await Page.GotoAsync($"/admin/trackers/{trackerId}/report");
        await Expect(Page.Locator("[data-stat='total']")).ToHaveTextAsync("1");
        await Expect(StatusCount("new")).ToHaveTextAsync("1");
        await Expect(StatusCount("qualified")).ToHaveTextAsync("0");

        // Move it across the board with the keyboard/button fallback: the card's status menu and Move.
        await TrackerViews.GetByRole(AriaRole.Link, new() { Name = "Board" }).ClickAsync();
        var newColumn = Page.Locator("[data-board-column][data-status='new']");
        var qualifiedColumn = Page.Locator("[data-board-column][data-status='qualified']");
        await Expect(newColumn.Locator("[data-lead-id]")).ToContainTextAsync(leadTitle);
        await Expect(qualifiedColumn.Locator("[data-lead-id]")).ToHaveCountAsync(0);
        var card = newColumn.Locator("[data-lead-id]", new() { HasText = leadTitle });
        await card.GetByLabel($"Status of {leadTitle}").SelectOptionAsync("qualified");
        await card.GetByRole(AriaRole.Button, new() { Name = "Move" }).ClickAsync();

        await Expect(qualifiedColumn.Locator("[data-lead-id]")).ToContainTextAsync(leadTitle);
        await Expect(newColumn.Locator("[data-lead-id]")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-count='qualified']")).ToHaveTextAsync("1");
        await Expect(Page.Locator("[data-count='new']")).ToHaveTextAsync("0");

        // The report follows the move.
        await TrackerViews.GetByRole(AriaRole.Link, new() { Name = "Report" }).ClickAsync();
        await Expect(Page.Locator("[data-stat='total']")).ToHaveTextAsync("1");
        await Expect(StatusCount("new")).ToHaveTextAsync("0");
        await Expect(StatusCount("qualified")).ToHaveTextAsync("1");
        Assert.Equal(LeadStatus.Qualified, await App.WithDbAsync(db => db.Set<Lead>().Where(l => l.TrackerId == trackerId).Select(l => l.Status).SingleAsync(Ct)));
        await AssertNoConsoleErrorsAsync();
    }

    /// <summary>The tracker's Board / List / Report tabs (their icons are part of the links' names, so match by part).</summary>
    private ILocator TrackerViews => Page.GetByRole(AriaRole.Navigation, new() { Name = "Tracker views" });

    private ILocator StatusCount(string status) => Page.Locator($"tr[data-status='{status}'] td:nth-child(2)");

    private async Task AddFieldAsync(string label, string name, string type, bool required, string? options)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add field" }).ClickAsync();
        await Page.GetByLabel("Label").FillAsync(label);
        await Page.GetByLabel("Name (API key)").FillAsync(name);
        await Page.GetByLabel("Type").SelectOptionAsync(type);
        if (required)
        {
            await Page.GetByLabel("Required").CheckAsync();
        }
        if (options is not null)
        {
            await Page.GetByLabel("Options (select and multi-select; one per line)").FillAsync(options);
        }
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save field" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Field {label} saved.");
    }

    [GeneratedRegex("/admin/trackers/edit/([0-9a-fA-F-]{36})")]
    private static partial Regex TrackerIdInUrl();
}
