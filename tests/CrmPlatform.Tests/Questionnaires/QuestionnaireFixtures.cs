using CrmPlatform.Contacts.Data;
using CrmPlatform.Questionnaires.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Questionnaires;

/// <summary>Hosts whose public-form limit is 3 a minute, so a flood from one client is refused quickly.</summary>
public sealed class QuestionnaireFloodSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PublicForms:PermitLimit", "3");
    }
}

public sealed class QuestionnaireFloodPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PublicForms:PermitLimit", "3");
    }
}

/// <summary>A questionnaire with one question of each type; choice, rating and yes/no are required, text and checkbox optional.</summary>
public sealed record SampleQuestionnaire(Guid Id, string Slug, Guid ChoiceId, Guid[] ChoiceOptions, Guid TextId, Guid RatingId, Guid YesNoId, Guid[] YesNoOptions, Guid CheckboxId, Guid[] CheckboxOptions)
{
    public static async Task<SampleQuestionnaire> CreateAsync(CrmApp app, bool isPublic = true, bool offerToLeads = false, Guid? categoryId = null)
    {
        var questionnaire = new Questionnaire { Title = "Survey " + Guid.NewGuid().ToString("N")[..8], IsPublic = isPublic, OfferToLeads = offerToLeads, ContactCategoryId = categoryId };
        var choice = Question("Which plan do you use?", QuestionType.MultipleChoice, true, 0, "Basic", "Pro", "Enterprise");
        var text = Question("Anything else?", QuestionType.Text, false, 1);
        var rating = Question("How satisfied are you?", QuestionType.RatingScale, true, 2);
        var yesNo = Question("Would you recommend us?", QuestionType.YesNo, true, 3, "Yes", "No");
        var checkbox = Question("Which features do you use?", QuestionType.Checkbox, false, 4, "Reports", "Campaigns", "Pipelines");
        questionnaire.Questions.AddRange([choice, text, rating, yesNo, checkbox]);
        await app.WithDbAsync(async db => { db.Add(questionnaire); await db.SaveChangesAsync(); });
        return new SampleQuestionnaire(questionnaire.Id, questionnaire.PublicUrl, choice.Id, Ids(choice), text.Id, rating.Id, yesNo.Id, Ids(yesNo), checkbox.Id, Ids(checkbox));
    }

    private static QuestionnaireQuestion Question(string text, QuestionType type, bool required, int order, params string[] options)
    {
        var question = new QuestionnaireQuestion { Question = text, Type = type, IsRequired = required, SortOrder = order };
        question.Options.AddRange(options.Select((o, i) => new QuestionnaireQuestionOption { Text = o, SortOrder = i }));
        return question;
    }

    private static Guid[] Ids(QuestionnaireQuestion q) => [.. q.Options.Select(o => o.Id)];

    public string SubmitUrl => $"/api/v1/public/questionnaires/{Slug}/responses";

    /// <summary>Answers: Basic, "Great tool", 4, Yes, Reports + Pipelines.</summary>
    public List<object> Answers(int choice = 0, string? text = "Great tool", int rating = 4, int yesNo = 0, int[]? checkbox = null)
    {
        var answers = new List<object>
        {
            new { questionId = ChoiceId, optionId = ChoiceOptions[choice] },
            new { questionId = RatingId, rating },
            new { questionId = YesNoId, optionId = YesNoOptions[yesNo] },
            new { questionId = CheckboxId, optionIds = (checkbox ?? [0, 2]).Select(i => CheckboxOptions[i]).ToArray() },
        };
        if (text is not null)
        {
            answers.Add(new { questionId = TextId, text });
        }
        return answers;
    }

    public object Body(string email, List<object>? answers = null, string? key = null, string? website = null, string name = "Visitor") => new
    {
        name,
        email,
        phone = QuestionnaireTestData.NewPhone(),
        submissionKey = key,
        website,
        answers = answers ?? Answers(),
    };
}

public sealed record RowCounts(int Responses, int Answers, int Contacts);

public static class QuestionnaireTestData
{
    public static string NewEmail() => $"respondent-{Guid.NewGuid():N}@tests.local";

    public static string NewPhone() => $"+1650{Random.Shared.Next(200, 1000)}{Random.Shared.Next(0, 10_000):D4}";

    public static Task<RowCounts> CountsAsync(CrmApp app) => app.WithDbAsync(async db => new RowCounts(
        await db.Set<QuestionnaireResponse>().CountAsync(),
        await db.Set<QuestionnaireResponseAnswer>().CountAsync(),
        await db.Set<Contact>().IgnoreQueryFilters().CountAsync()));
}
