using CrmPlatform.Assessments.Data;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Assessments;

/// <summary>Hosts for the assessment suites: the public-form limit is raised so tests sharing 127.0.0.1 are not throttled.</summary>
public sealed class AssessmentsSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PublicForms:PermitLimit", "100000");
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "1000");
    }
}

public sealed class AssessmentsPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PublicForms:PermitLimit", "100000");
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "1000");
    }
}

/// <summary>A sample assessment with one question of each type, dimensions, rankings, a personality and traits.</summary>
public sealed record SampleAssessment(Guid Id, string Slug, Guid ChoiceId, Guid[] ChoiceOptions, Guid TrueFalseId, Guid[] TrueFalseOptions, Guid RatingId, Guid EssayId)
{
    public const string Scoring = """
        { "dimensions": ["drive", "people"],
          "questionTypes": { "rating_scale": { "min": 1, "max": 5, "weight": 2 } },
          "rankings": [ { "min": 70, "label": "Strong" }, { "min": 0, "label": "Developing" } ],
          "personality": { "method": "highest_dimension", "labels": { "drive": "Driver", "people": "Connector" }, "default": "Balanced" },
          "traits": [ { "label": "Goal-oriented", "all": [ { "metric": "dimension", "dimension": "drive", "op": ">=", "value": 3 } ] } ],
          "innerDrives": [ { "label": "Achievement", "all": [ { "metric": "topDimension", "equals": "drive" } ] } ],
          "baselines": [ { "label": "Competitive", "all": [ { "metric": "percentage", "op": ">=", "value": 50 } ] } ] }
        """;

    public static async Task<SampleAssessment> CreateAsync(CrmApp app, bool withEssay = false, bool isPublic = true)
    {
        var assessment = new Assessment { Title = "Sample " + Guid.NewGuid().ToString("N")[..8], Trait = AssessmentTrait.Sales, IsPublic = isPublic, ScoringLogic = Scoring, AskPhone = true };
        var choice = new AssessmentQuestion { Question = "How do you open a cold call?", Type = QuestionType.MultipleChoice, Points = 5, SortOrder = 0 };
        choice.Options.AddRange([
            new AssessmentQuestionOption { Text = "Ask for the decision maker", Points = 5, SortOrder = 0, DimensionPoints = """{"drive":3}""" },
            new AssessmentQuestionOption { Text = "Chat about the weather", Points = 1, SortOrder = 1, DimensionPoints = """{"people":2}""" },
        ]);
        var trueFalse = new AssessmentQuestion { Question = "A prospect's objection is a buying signal.", Type = QuestionType.TrueFalse, Points = 2, SortOrder = 1 };
        trueFalse.Options.AddRange([
            new AssessmentQuestionOption { Text = "True", IsCorrect = true, SortOrder = 0 },
            new AssessmentQuestionOption { Text = "False", SortOrder = 1 },
        ]);
        var rating = new AssessmentQuestion { Question = "How much do you enjoy negotiating?", Type = QuestionType.RatingScale, SortOrder = 2 };
        assessment.Questions.AddRange([choice, trueFalse, rating]);
        AssessmentQuestion? essay = null;
        if (withEssay)
        {
            essay = new AssessmentQuestion { Question = "Describe your best sale.", Type = QuestionType.Subjective, Points = 5, SortOrder = 3 };
            assessment.Questions.Add(essay);
        }
        await app.WithDbAsync(async db =>
        {
            db.Add(assessment);
            await db.SaveChangesAsync();
        });
        return new SampleAssessment(assessment.Id, assessment.PublicUrl, choice.Id, [.. choice.Options.Select(o => o.Id)], trueFalse.Id,
            [.. trueFalse.Options.Select(o => o.Id)], rating.Id, essay?.Id ?? Guid.Empty);
    }

    /// <summary>The API body of a complete, valid submission (best answers: 5 + 2 + 5×2 = 17 of 17, plus the essay).</summary>
    public object Body(string email, string? key = null, string? phone = "new", string? essay = "I closed a big deal.") => new
    {
        name = "Visitor " + email,
        email,
        phone = phone == "new" ? AssessmentTestData.NewPhone() : phone,
        submissionKey = key,
        answers = Answers(essay),
    };

    public List<object> Answers(string? essay = "I closed a big deal.")
    {
        var answers = new List<object>
        {
            new { questionId = ChoiceId, optionId = ChoiceOptions[0] },
            new { questionId = TrueFalseId, optionId = TrueFalseOptions[0] },
            new { questionId = RatingId, rating = 5 },
        };
        if (EssayId != Guid.Empty)
        {
            answers.Add(new { questionId = EssayId, text = essay });
        }
        return answers;
    }

    public Dictionary<string, string> Form(string email, string? phone = "new") => new()
    {
        ["Name"] = "Form Visitor",
        ["Email"] = email,
        ["Phone"] = phone == "new" ? AssessmentTestData.NewPhone() : phone ?? "",
        ["q." + ChoiceId.ToString("N")] = ChoiceOptions[0].ToString(),
        ["q." + TrueFalseId.ToString("N")] = TrueFalseOptions[0].ToString(),
        ["q." + RatingId.ToString("N")] = "5",
    };
}

public sealed record RowCounts(int Responses, int Answers, int Contacts);

public static class AssessmentTestData
{
    public static string NewEmail() => $"visitor-{Guid.NewGuid():N}@tests.local";

    public static string NewPhone() => $"+1650{Random.Shared.Next(200, 1000)}{Random.Shared.Next(0, 10_000):D4}";

    public static Task<RowCounts> CountsAsync(CrmApp app) => app.WithDbAsync(async db => new RowCounts(
        await db.Set<AssessmentResponse>().CountAsync(),
        await db.Set<AssessmentResponseAnswer>().CountAsync(),
        await db.Set<Contact>().IgnoreQueryFilters().CountAsync()));
}
