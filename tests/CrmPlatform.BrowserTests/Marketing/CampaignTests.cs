using CrmPlatform.BrowserTests.Infrastructure;
using CrmPlatform.Contacts.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmPlatform.BrowserTests.Marketing;

public sealed class CampaignTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Staff_create_an_email_campaign_preview_it_for_a_contact_send_it_and_see_the_counters_and_chart()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var category = new ContactCategory { Name = "Newsletter " + tag, NormalizedName = ContactCategory.Normalize("Newsletter " + tag) };
        var contacts = Enumerable.Range(0, 3).Select(i =>
        {
            var c = new Contact
            {
                Name = $"Reader{i} Browser{tag}", EmailId = $"reader{i}.{tag}@tests.local", ContactNo = $"+1201555{Random.Shared.Next(1000, 9999)}",
                Location = "Leeds", Type = ContactType.Employee, Company = "Acme " + i, CategoryId = category.Id,
            };
            c.Normalize();
            return c;
        }).ToList();
        await App.WithDbAsync(async db => { db.Add(category); db.AddRange(contacts); await db.SaveChangesAsync(); return 0; });

        await SignInAsAdminAsync();
        await AdminMenu.GetByRole(AriaRole.Link, new() { Name = "Campaigns" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "New campaign" }).ClickAsync();
        await Page.GetByLabel("Name").FillAsync("Browser campaign " + tag);
        await Page.GetByLabel("Channel").SelectOptionAsync("Email");
        await Page.GetByLabel("Send to the category").SelectOptionAsync(new SelectOptionValue { Label = category.Name });
        await Page.GetByLabel("Subject").FillAsync("News for {{ contact.first_name }}");
        await Page.GetByLabel("Content").FillAsync("<p>Hello {{ contact.name }} from {{ contact.company }}<script>alert(1)</script></p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>");
        // Invalid Liquid first: the message appears next to the field and nothing is saved.
        await Page.GetByLabel("Content").FillAsync("<p>Hello {{ contact.name </p>");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.Locator("[data-valmsg-for='Input.Content']")).ToContainTextAsync("not a valid Liquid template");
        await Page.GetByLabel("Content").FillAsync("<p>Hello {{ contact.name }} from {{ contact.company }}<script>alert(1)</script></p><p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.Locator("#campaign-status")).ToHaveTextAsync("draft");

        // Preview for a chosen contact, in the sandboxed frame.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Page.GetByLabel("Preview for").SelectOptionAsync(new SelectOptionValue { Label = contacts[1].Name });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var frame = Page.FrameLocator("#campaign-preview");
        await Expect(frame.Locator("#preview-body")).ToContainTextAsync($"Hello {contacts[1].Name} from Acme 1");
        await Expect(frame.Locator("#preview-subject")).ToHaveTextAsync("News for Reader1");
        await Expect(frame.Locator("script")).ToHaveCountAsync(0);
        Assert.Equal("", await Page.Locator("#campaign-preview").GetAttributeAsync("sandbox"));

        // Send it (after the confirmation), then watch the campaign page.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Campaign started: 3 recipients.");
        for (var i = 0; i < 60 && await Page.Locator("#campaign-status").TextContentAsync() != "completed"; i++)
        {
            await Task.Delay(500, Ct);
            await Page.ReloadAsync();
        }
        await Expect(Page.Locator("#campaign-status")).ToHaveTextAsync("completed");
        await Expect(Page.Locator("[data-counter='total'] .counter-value")).ToHaveTextAsync("3");
        await Expect(Page.Locator("[data-counter='sent'] .counter-value")).ToHaveTextAsync("3");
        await Expect(Page.Locator("#messages tbody tr")).ToHaveCountAsync(3);
        var chart = Page.Locator("#timeline-chart");
        await Expect(chart).ToBeVisibleAsync();
        Assert.True(await chart.EvaluateAsync<int>("c => c.width") > 0);
        await AssertNoConsoleErrorsAsync();
    }
}
