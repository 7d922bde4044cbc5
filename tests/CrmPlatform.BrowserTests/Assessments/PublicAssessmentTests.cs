using System.Text.RegularExpressions;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Features;
using CrmPlatform.BrowserTests.Infrastructure;
using CrmPlatform.Contacts.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmPlatform.BrowserTests.Assessments;

public sealed class PublicAssessmentTests(BrowserApp app) : BrowserTest(app)
{
    private const string Logic = """
        {"version":1,"questionTypes":{"multiple_choice":{"mode":"option_points"},"rating_scale":{"min":1,"max":5,"weight":1}},
         "rankings":[{"min":80,"label":"Excellent"},{"min":0,"label":"Developing"}],
         "dimensions":["D","I","S","C"],
         "personality":{"method":"highest_dimension","labels":{"D":"Dominance (D)","I":"Influence (I)","S":"Steadiness (S)","C":"Conscientiousness (C)"},"default":"Balanced"},
         "traits":[{"label":"Decisive","all":[{"metric":"dimension","dimension":"D","op":">=","value":4}]},{"label":"Patient","all":[{"metric":"dimension","dimension":"S","op":">=","value":4}]}]}
        """;

    [Fact]
    public async Task Visitor_submits_a_public_assessment_fixes_a_missing_answer_sees_the_result_and_staff_see_the_scored_response()
    {
        var assessment = await SeedAsync();
        var q1 = assessment.Questions[0];
        var q2 = assessment.Questions[1];
        var rating = assessment.Questions[2];
        var email = $"visitor-{Guid.NewGuid():N}@browser.example";

        // A visitor opens the public link, leaves the second question out and submits.
        await Page.GotoAsync($"/a/{assessment.PublicUrl}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = assessment.Title })).ToBeVisibleAsync();
        await Page.GetByLabel("Your name").FillAsync("Vera Visitor");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Phone").FillAsync("+44 20 7946 0958");
        await Page.GetByLabel("Push for a decision").CheckAsync();
        await Page.Locator($"[id='{FormAnswers.Field(rating.Id)}-4']").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please check the answers marked below.");
        await Expect(AnswerMessageFor(q2.Id)).ToHaveTextAsync("Please answer this question.");
        await Expect(AnswerMessageFor(q1.Id)).ToBeEmptyAsync();
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<AssessmentResponse>().CountAsync(r => r.AssessmentId == assessment.Id, Ct)));

        // What was given is kept; the visitor answers the missing question and submits again.
        await Expect(Page.GetByLabel("Your name")).ToHaveValueAsync("Vera Visitor");
        await Expect(Page.GetByLabel("Push for a decision")).ToBeCheckedAsync();
        await Page.GetByLabel("Lead the discussion").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        await Page.WaitForURLAsync(new Regex($"/a/{Regex.Escape(assessment.PublicUrl)}/result"));
        var result = Page.Locator("#result");
        await Expect(result).ToContainTextAsync("10 / 11 (90.91%)");
        await Expect(result).ToContainTextAsync("Excellent");
        await Expect(result).ToContainTextAsync("Dominance (D)");
        await Expect(result).ToContainTextAsync("Decisive");

        // The contact was created and, once the event is delivered in the background, carries the profile.
        Contact? contact = null;
        for (var attempt = 0; attempt < 100 && contact?.PersonalityType is null; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(200, Ct);
            }
            contact = await App.WithDbAsync(db => db.Set<Contact>().AsNoTracking().FirstOrDefaultAsync(c => c.EmailId == email, Ct));
        }
        Assert.NotNull(contact);
        Assert.Equal("Vera Visitor", contact.Name);
        Assert.Equal("Dominance (D)", contact.PersonalityType);
        Assert.Equal("Decisive", contact.Traits);

        // Staff see the response with its score on the results screen and open it.
        await SignInAsAdminAsync();
        await OpenFromMenuAsync("Assessments");
        await Page.GotoAsync($"/admin/assessments/{assessment.Id}/results");
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("10 / 11 (90.91%)");
        await Expect(row).ToContainTextAsync("Dominance (D)");
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(Page.Locator("#response-score")).ToContainTextAsync("10 / 11 (90.91%)");
        await AssertNoConsoleErrorsAsync();
    }

    private ILocator AnswerMessageFor(Guid questionId) => Page.Locator($"[id='{FormAnswers.Field(questionId)}-error']");

    /// <summary>A public DISC-style assessment through the host's services: two choice questions adding to D/I/S/C and a 1–5 rating.</summary>
    private Task<Assessment> SeedAsync() => App.WithDbAsync(async db =>
    {
        static AssessmentQuestionOption Option(string text, int points, string dimension, int order) =>
            new() { Text = text, Points = points, SortOrder = order, DimensionPoints = $"{{\"{dimension}\":2}}" };
        var assessment = new Assessment
        {
            Title = $"Working style {Guid.NewGuid():N}"[..24],
            Description = "How you work with others.",
            Trait = AssessmentTrait.Sales,
            IsPublic = true,
            AskPhone = true,
            ScoringLogic = Logic,
            Questions =
            [
                new() { Question = "When a deal stalls, what do you do first?", Type = QuestionType.MultipleChoice, SortOrder = 0,
                    Options = [Option("Push for a decision", 3, "D", 0), Option("Build rapport", 2, "I", 1), Option("Give them time", 1, "S", 2)] },
                new() { Question = "In a team meeting you usually…", Type = QuestionType.MultipleChoice, SortOrder = 1,
                    Options = [Option("Lead the discussion", 3, "D", 0), Option("Energise the room", 2, "I", 1), Option("Check the facts", 1, "C", 2)] },
                new() { Question = "How comfortable are you cold-calling a stranger?", Type = QuestionType.RatingScale, Points = 5, SortOrder = 2 },
            ],
        };
        db.Add(assessment);
        await db.SaveChangesAsync(Ct);
        return assessment;
    });
}
