using System.Text.Json;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Features;
using CrmPlatform.Assessments.Scoring;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Recipes;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Recipes;

/// <summary>
/// <c>{ "name": "assessments", "assessments": [ { "title", "trait", "scoringLogic": { … }, "questions": [ { "question", "type",
/// "points", "options": [ { "text", "points", "isCorrect", "dimensions": { "D": 2 } } ] } ] } ] }</c>. Matched by title:
/// an existing assessment gets the step's settings and scoring; its questions are replaced only while it has no responses
/// and they differ, so running the recipe twice changes nothing.
/// </summary>
internal sealed class AssessmentsStep : IRecipeStepHandler
{
    public string StepName => "assessments";

    internal sealed class OptionEntry
    {
        public string Text { get; set; } = "";
        public int Points { get; set; }
        public bool IsCorrect { get; set; }
        public Dictionary<string, int>? Dimensions { get; set; }
    }

    internal sealed class QuestionEntry
    {
        public string Question { get; set; } = "";
        public string Type { get; set; } = "";
        public int Points { get; set; }
        public List<OptionEntry>? Options { get; set; }
    }

    internal sealed class AssessmentEntry
    {
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string Trait { get; set; } = "";
        public bool IsActive { get; set; } = true;
        public bool IsPublic { get; set; }
        public bool AskPhone { get; set; } = true;
        public bool OfferToLeads { get; set; }
        public bool ShowScore { get; set; } = true;
        public bool ShowRanking { get; set; } = true;
        public bool ShowPersonalityType { get; set; } = true;
        public bool ShowTraits { get; set; } = true;
        public string? Category { get; set; }
        public JsonElement? ScoringLogic { get; set; }
        public List<QuestionEntry> Questions { get; set; } = [];
    }

    public async Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        var entries = RecipeJson.Read<AssessmentEntry[]>(step, "assessments", errors) ?? [];
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            var input = ToInput(e, null, errors, $"assessments[{i}]");
            errors.AddRange(RequestValidator.Validate(input).SelectMany(kv => kv.Value.Select(m => $"assessments[{i}].{kv.Key}: {m}")));
            for (var q = 0; q < e.Questions.Count; q++)
            {
                var question = ToQuestion(e.Questions[q], errors, $"assessments[{i}].questions[{q}]");
                errors.AddRange(RequestValidator.Validate(question).SelectMany(kv => kv.Value.Select(m => $"assessments[{i}].questions[{q}].{kv.Key}: {m}")));
            }
            if (e.Category is not null && !await context.Db.Set<ContactCategory>().AnyAsync(c => c.NormalizedName == ContactCategory.Normalize(e.Category), ct))
            {
                errors.Add($"assessments[{i}].category: no category is named '{e.Category}'.");
            }
        }
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var db = context.Db;
        foreach (var e in RecipeJson.Read<AssessmentEntry[]>(step, "assessments", []) ?? [])
        {
            Guid? categoryId = e.Category is null ? null
                : await db.Set<ContactCategory>().Where(c => c.NormalizedName == ContactCategory.Normalize(e.Category)).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
            var input = ToInput(e, categoryId, [], "");
            var title = e.Title.Trim();
            var assessment = await db.Set<Assessment>().Include(a => a.Questions).ThenInclude(q => q.Options).FirstOrDefaultAsync(a => a.Title == title, ct);
            if (assessment is null)
            {
                assessment = new Assessment { CreatedById = context.AdminUserId };
                db.Add(assessment);
            }
            input.ApplyTo(assessment);
            var questions = e.Questions.Select(q => ToQuestion(q, [], "")).ToList();
            var same = assessment.Questions.Count == questions.Count
                && assessment.Questions.OrderBy(q => q.SortOrder).Zip(questions).All(p => p.First.Question == p.Second.Question.Trim() && p.First.Type == p.Second.Type);
            if (same || await db.Set<AssessmentResponse>().AnyAsync(r => r.AssessmentId == assessment.Id, ct))
            {
                continue;
            }
            db.RemoveRange(assessment.Questions);
            for (var i = 0; i < questions.Count; i++)
            {
                var q = questions[i];
                var question = new AssessmentQuestion { AssessmentId = assessment.Id, Question = q.Question.Trim(), Type = q.Type, Points = q.Points, SortOrder = i };
                var options = q.Options ?? [];
                if (options.Count == 0 && q.Type == QuestionType.TrueFalse)
                {
                    options = [new OptionInput { Text = "True", IsCorrect = true }, new OptionInput { Text = "False" }];
                }
                question.Options.AddRange(options.Select((o, n) => new AssessmentQuestionOption
                {
                    Text = o.Text.Trim(), Points = o.Points, IsCorrect = o.IsCorrect, SortOrder = n, DimensionPoints = AssessmentQuestionOption.FormatDimensions(o.Dimensions),
                }));
                db.Add(question);
            }
        }
    }

    private static AssessmentInput ToInput(AssessmentEntry e, Guid? categoryId, List<string> errors, string path)
    {
        if (!EnumNames.TryParse<AssessmentTrait>(e.Trait, out var trait))
        {
            errors.Add($"{path}.trait: '{e.Trait}' is not one of {string.Join(", ", EnumNames.All<AssessmentTrait>())}.");
        }
        return new AssessmentInput
        {
            Title = e.Title, Description = e.Description, Trait = trait, IsActive = e.IsActive, IsPublic = e.IsPublic, AskPhone = e.AskPhone,
            OfferToLeads = e.OfferToLeads, ShowScore = e.ShowScore, ShowRanking = e.ShowRanking, ShowPersonalityType = e.ShowPersonalityType,
            ShowTraits = e.ShowTraits, ContactCategoryId = categoryId,
            ScoringLogic = e.ScoringLogic is { ValueKind: JsonValueKind.Object } logic
                ? ScoringLogicParser.Parse(logic.GetRawText(), out _) is { } parsed ? ScoringLogicParser.Serialize(parsed) : logic.GetRawText()
                : null,
        };
    }

    private static QuestionInput ToQuestion(QuestionEntry q, List<string> errors, string path)
    {
        if (!EnumNames.TryParse<QuestionType>(q.Type, out var type))
        {
            errors.Add($"{path}.type: '{q.Type}' is not one of {string.Join(", ", EnumNames.All<QuestionType>())}.");
        }
        return new QuestionInput
        {
            Question = q.Question, Type = type, Points = q.Points,
            Options = q.Options?.Select(o => new OptionInput { Text = o.Text, Points = o.Points, IsCorrect = o.IsCorrect, Dimensions = o.Dimensions }).ToList(),
        };
    }
}
