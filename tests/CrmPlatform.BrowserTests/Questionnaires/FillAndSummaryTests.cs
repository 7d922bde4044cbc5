using CrmPlatform.BrowserTests.Infrastructure;
using CrmPlatform.Questionnaires.Data;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmPlatform.BrowserTests.Questionnaires;

public sealed class FillAndSummaryTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_visitor_fills_every_question_type_after_a_required_message_and_staff_see_it_in_the_summary_and_export()
    {
        var questionnaire = new Questionnaire { Title = "Browser survey " + Guid.NewGuid().ToString("N")[..6] };
        var plan = Question("Which plan do you use?", QuestionType.MultipleChoice, true, 0, "Basic", "Pro");
        questionnaire.Questions.AddRange([
            plan,
            Question("Anything else?", QuestionType.Text, false, 1),
            Question("How satisfied are you?", QuestionType.RatingScale, true, 2),
            Question("Would you recommend us?", QuestionType.YesNo, true, 3, "Yes", "No"),
            Question("Which features do you use?", QuestionType.Checkbox, false, 4, "Reports", "Campaigns", "Pipelines"),
        ]);
        await App.WithDbAsync(async db => { db.Add(questionnaire); await db.SaveChangesAsync(); return 0; });

        await Page.GotoAsync($"/q/{questionnaire.PublicUrl}");
        await Page.GetByLabel("Your name").FillAsync("Browser Visitor");
        await Page.GetByLabel("Email").FillAsync($"browser-{Guid.NewGuid():N}@tests.local");
        await Page.GetByLabel("Phone").FillAsync("+14155550" + Random.Shared.Next(100, 999));
        await Page.GetByLabel("Your answer to question 2").FillAsync("Keep it up");
        await Page.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("Reports").CheckAsync();
        await Page.GetByLabel("Pipelines").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        await Expect(Page.Locator($"[id='q.{plan.Id:N}-error']")).ToHaveTextAsync("This question is required.");
        await Expect(Page.GetByLabel("Pipelines")).ToBeCheckedAsync();
        await Page.GetByLabel("Pro", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Thank you!" })).ToBeVisibleAsync();

        await SignInAsAdminAsync();
        await Page.GotoAsync($"/admin/questionnaires/{questionnaire.Id}/summary");
        await Expect(Page.Locator("#response-count")).ToHaveTextAsync("1 responses");
        var planCard = Page.Locator($"section[data-question='{plan.Id}']");
        await Expect(planCard.Locator("tr", new() { HasText = "Pro" })).ToContainTextAsync("1");
        await Expect(planCard.Locator("tr", new() { HasText = "Basic" })).ToContainTextAsync("0");
        await Expect(Page.Locator(".rating-average")).ToHaveTextAsync("4.00");
        await Expect(Page.Locator("canvas[data-chart]")).ToHaveCountAsync(4);
        await Expect(Page.Locator(".answer-text")).ToHaveTextAsync("Keep it up");
        // Chart.js sized every canvas: the charts were drawn from the data attributes.
        foreach (var canvas in await Page.Locator("canvas[data-chart]").AllAsync())
        {
            Assert.True(await canvas.EvaluateAsync<int>("c => c.width") > 0);
        }

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync(), Ct);
        Assert.Contains("Browser Visitor", csv);
        Assert.Contains("Pro,Keep it up,4,Yes,Reports; Pipelines", csv);
        await AssertNoConsoleErrorsAsync();
    }

    private static QuestionnaireQuestion Question(string text, QuestionType type, bool required, int order, params string[] options)
    {
        var question = new QuestionnaireQuestion { Question = text, Type = type, IsRequired = required, SortOrder = order };
        question.Options.AddRange(options.Select((o, i) => new QuestionnaireQuestionOption { Text = o, SortOrder = i }));
        return question;
    }
}
