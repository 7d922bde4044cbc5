using CrmPlatform.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmPlatform.BrowserTests.Workflows;

public sealed class WorkflowEditorTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Admin_builds_a_contact_created_workflow_in_the_editor_and_sees_the_note_and_the_instance_log()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var name = $"Grace Hopper {unique}";
        await SignInAsAdminAsync();

        await OpenFromMenuAsync("Workflows");
        await Page.GetByRole(AriaRole.Link, new() { Name = "New workflow" }).ClickAsync();
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Welcome note {unique}");
        await Page.GetByLabel("Activity").SelectOptionAsync("ContactCreated");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        // Only this run's contact: the other browser tests create contacts too.
        await Page.Locator("#f-contactcreated1-Condition").FillAsync($"Event.Name == '{name}'");
        await Page.GetByLabel("Activity").SelectOptionAsync("AddContactNote");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        // The new task is connected from the start event without a separate Connect step.
        await Expect(Page.Locator("#transition-0")).ToContainTextAsync("contactcreated1 —Done→ addcontactnote1");
        await Expect(Page.Locator("svg.workflow-diagram")).ToContainTextAsync("Add contact note");
        await Page.Locator("#f-addcontactnote1-Text").FillAsync("Welcome {{ Event.Name }");
        await Page.GetByLabel("Enabled").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.Locator("#save-errors")).ToContainTextAsync("Not saved");
        await Expect(Page.Locator("#f-addcontactnote1-Text ~ .invalid-feedback")).ToContainTextAsync("invalid Liquid");

        await Page.Locator("#f-addcontactnote1-Text").FillAsync("Welcome {{ Event.Name }}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(Page.GetByText($"Workflow 'Welcome note {unique}' saved.")).ToBeVisibleAsync();

        await OpenFromMenuAsync("Contacts");
        await Page.GetByRole(AriaRole.Link, new() { Name = "New contact" }).ClickAsync();
        await Page.GetByLabel("Name").FillAsync(name);
        await Page.GetByLabel("Type").SelectOptionAsync("employee");
        await Page.GetByLabel("Email").FillAsync($"grace.{unique}@example.com");
        await Page.GetByLabel("Phone").FillAsync($"+1 415 {Random.Shared.Next(200, 999)} {Random.Shared.Next(1000, 9999)}");
        await Page.GetByLabel("Location").FillAsync("Arlington");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create contact" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);

        // The workflow runs after the contact's transaction commits (outbox → workflow): reload until the note shows.
        var note = Page.Locator("article .text-pre-wrap", new() { HasText = $"Welcome {name}" });
        for (var attempt = 0; attempt < 20 && await note.CountAsync() == 0; attempt++)
        {
            await Task.Delay(250, Ct);
            await Page.ReloadAsync();
            await Page.GetByRole(AriaRole.Tab, new() { Name = "Notes" }).ClickAsync();
        }
        await Expect(note).ToBeVisibleAsync();

        await OpenFromMenuAsync("Workflow instances");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Welcome note {unique}" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("finished");
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(Page.Locator("#instance-status")).ToHaveTextAsync("finished");
        var log = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "addcontactnote1" });
        await Expect(log).ToContainTextAsync("Done");
        await Expect(log).ToContainTextAsync($"Note added to {name}.");
        await Expect(Page.Locator("pre", new() { HasText = "\"Phone\": \"+1" })).ToBeVisibleAsync();
        await AssertNoConsoleErrorsAsync();
    }
}
