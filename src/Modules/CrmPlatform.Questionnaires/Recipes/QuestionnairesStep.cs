using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Questionnaires.Data;
using CrmPlatform.Questionnaires.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Questionnaires.Recipes;

/// <summary>
/// <c>{ "name": "questionnaires", "questionnaires": [ { "title", "description", "isActive", "isPublic", "offerToLeads",
/// "category", "ratingMin", "ratingMax", "questions": [ { "question", "type", "isRequired", "helpText", "options": ["…"] } ],
/// "responses": [ { "name", "email", "phone", "answers": { "question text": "option" | ["options"] | 4 | "text" } } ] } ] }</c>.
/// The category must exist when the step runs (an earlier step may create it). Matched by title: an existing questionnaire gets the step's settings; its questions are replaced only while it has no
/// responses and they differ; a sample response is added once per email (its submission key is <c>recipe:{email}</c>).
/// </summary>
internal sealed class QuestionnairesStep : IRecipeStepHandler
{
    public string StepName => "questionnaires";

    internal sealed class QuestionEntry
    {
        public string Question { get; set; } = "";
        public string Type { get; set; } = "";
        public bool IsRequired { get; set; }
        public string? HelpText { get; set; }
        public List<string>? Options { get; set; }
    }

    internal sealed class ResponseEntry
    {
        public string Name { get; set; } = "";
        public string Email { get; set; } = "";
        public string? Phone { get; set; }
        public Dictionary<string, JsonElement> Answers { get; set; } = [];
    }

    internal sealed class QuestionnaireEntry
    {
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public bool IsActive { get; set; } = true;
        public bool IsPublic { get; set; } = true;
        public bool OfferToLeads { get; set; }
        public string? Category { get; set; }
        public int RatingMin { get; set; } = 1;
        public int RatingMax { get; set; } = 5;
        public List<QuestionEntry> Questions { get; set; } = [];
        public List<ResponseEntry>? Responses { get; set; }
    }

    public Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        var entries = RecipeJson.Read<QuestionnaireEntry[]>(step, "questionnaires", errors) ?? [];
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            var path = $"questionnaires[{i}]";
            errors.AddRange(RequestValidator.Validate(ToInput(e, null)).SelectMany(kv => kv.Value.Select(m => $"{path}.{kv.Key}: {m}")));
            var definition = ToDefinition(e, Guid.Empty, errors, path);
            if (e.Category is { Length: 0 or > ContactCategory.NameMaxLength })
            {
                errors.Add($"{path}.category: a category name of 1 to {ContactCategory.NameMaxLength} characters.");
            }
            for (var r = 0; r < (e.Responses?.Count ?? 0); r++)
            {
                var answerErrors = new Dictionary<string, string[]>();
                var answers = ToAnswers(e.Responses![r], definition, errors, $"{path}.responses[{r}]");
                AnswerValidator.Check(definition, answers, answerErrors);
                errors.AddRange(answerErrors.SelectMany(kv => kv.Value.Select(m => $"{path}.responses[{r}].{kv.Key}: {m}")));
            }
        }
        return Task.CompletedTask;
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var db = context.Db;
        var directory = context.Services.GetRequiredService<IContactDirectory>();
        foreach (var e in RecipeJson.Read<QuestionnaireEntry[]>(step, "questionnaires", []) ?? [])
        {
            Guid? categoryId = e.Category is null ? null
                : await db.Set<ContactCategory>().Where(c => c.NormalizedName == ContactCategory.Normalize(e.Category)).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
                  // Checked here, not in validation: an earlier `categories` step of the same recipe may create it.
                  ?? throw new RecipeException([$"questionnaires: no category is named '{e.Category}'."]);
            var title = e.Title.Trim();
            var questionnaire = await db.Set<Questionnaire>().Include(q => q.Questions).ThenInclude(q => q.Options).FirstOrDefaultAsync(q => q.Title == title, ct);
            if (questionnaire is null)
            {
                questionnaire = new Questionnaire { CreatedById = context.AdminUserId };
                db.Add(questionnaire);
            }
            ToInput(e, categoryId).ApplyTo(questionnaire);
            var same = questionnaire.Questions.Count == e.Questions.Count
                && questionnaire.Questions.OrderBy(q => q.SortOrder).Zip(e.Questions).All(p => p.First.Question == p.Second.Question.Trim() && EnumNames.ToSnake(p.First.Type) == p.Second.Type);
            if (!same && !await db.Set<QuestionnaireResponse>().AnyAsync(r => r.QuestionnaireId == questionnaire.Id, ct))
            {
                db.RemoveRange(questionnaire.Questions);
                for (var i = 0; i < e.Questions.Count; i++)
                {
                    var q = e.Questions[i];
                    _ = EnumNames.TryParse<QuestionType>(q.Type, out var type); // validated before
                    var question = new QuestionnaireQuestion { QuestionnaireId = questionnaire.Id, Question = q.Question.Trim(), Type = type, IsRequired = q.IsRequired, HelpText = q.HelpText, SortOrder = i };
                    var options = QuestionCommands.DefaultOptions(type, q.Options?.Select(o => new OptionInput { Text = o }).ToList());
                    question.Options.AddRange(options.Select((o, n) => new QuestionnaireQuestionOption { Text = o.Text.Trim(), SortOrder = n }));
                    db.Add(question);
                }
            }
            await db.SaveChangesAsync(ct);
            await AddResponsesAsync(db, directory, questionnaire.Id, e, ct);
        }
    }

    private static async Task AddResponsesAsync(CrmDbContext db, IContactDirectory directory, Guid questionnaireId, QuestionnaireEntry e, CancellationToken ct)
    {
        var stored = await db.Set<Questionnaire>().AsNoTracking().Include(q => q.Questions).ThenInclude(q => q.Options).FirstAsync(q => q.Id == questionnaireId, ct);
        var definition = new QuestionnaireDefinition(stored.Id, stored.PublicUrl, stored.Title, stored.Description, stored.IsActive, stored.IsPublic, stored.OfferToLeads,
            stored.ContactCategoryId, stored.RatingMin, stored.RatingMax,
            [.. stored.Questions.OrderBy(q => q.SortOrder).Select(q => new DefinitionQuestion(q.Id, q.Question, q.Type, q.IsRequired, q.HelpText,
                [.. q.Options.OrderBy(o => o.SortOrder).Select(o => new DefinitionOption(o.Id, o.Text))]))]);
        foreach (var entry in e.Responses ?? [])
        {
            var key = "recipe:" + entry.Email.Trim().ToLowerInvariant();
            if (key.Length > 64 || await db.Set<QuestionnaireResponse>().AnyAsync(r => r.QuestionnaireId == questionnaireId && r.SubmissionKey == key, ct))
            {
                continue;
            }
            var answers = AnswerValidator.Check(definition, ToAnswers(entry, definition, [], ""), []);
            var match = await directory.FindOrCreateAsync(db, new ContactIdentity(entry.Name, entry.Email, entry.Phone, definition.ContactCategoryId), ct);
            if (!match.Succeeded)
            {
                throw new RecipeException([$"questionnaires: the sample response of {entry.Email} has no usable contact: {string.Join(" ", match.Errors.SelectMany(x => x.Value))}"]);
            }
            var response = new QuestionnaireResponse { QuestionnaireId = questionnaireId, ContactId = match.ContactId, SubmissionKey = key };
            response.Answers.AddRange(answers.Select(a => new QuestionnaireResponseAnswer
            {
                QuestionId = a.Question.Id, OptionId = a.Option?.Id, OptionText = a.Option?.Text, RatingValue = a.Rating, AnswerText = a.Text,
                QuestionText = a.Question.Text, QuestionType = a.Question.Type,
            }));
            db.Add(response);
            SummaryCounts.Queue(db, questionnaireId, response.Answers);
            await db.SaveChangesAsync(ct);
        }
    }

    private static QuestionnaireInput ToInput(QuestionnaireEntry e, Guid? categoryId) => new()
    {
        Title = e.Title, Description = e.Description, IsActive = e.IsActive, IsPublic = e.IsPublic, OfferToLeads = e.OfferToLeads,
        ContactCategoryId = categoryId, RatingMin = e.RatingMin, RatingMax = e.RatingMax,
    };

    /// <summary>The entry's questions as a definition (fresh ids) so sample responses can be checked before anything is written.</summary>
    private static QuestionnaireDefinition ToDefinition(QuestionnaireEntry e, Guid id, List<string> errors, string path)
    {
        var questions = new List<DefinitionQuestion>();
        for (var q = 0; q < e.Questions.Count; q++)
        {
            var entry = e.Questions[q];
            if (!EnumNames.TryParse<QuestionType>(entry.Type, out var type))
            {
                errors.Add($"{path}.questions[{q}].type: '{entry.Type}' is not one of {string.Join(", ", EnumNames.All<QuestionType>())}.");
            }
            var input = new QuestionInput { Question = entry.Question, Type = type, IsRequired = entry.IsRequired, HelpText = entry.HelpText, Options = entry.Options?.Select(o => new OptionInput { Text = o }).ToList() };
            errors.AddRange(RequestValidator.Validate(input).SelectMany(kv => kv.Value.Select(m => $"{path}.questions[{q}].{kv.Key}: {m}")));
            var options = QuestionCommands.DefaultOptions(type, input.Options).Select(o => new DefinitionOption(Guid.NewGuid(), o.Text.Trim())).ToList();
            questions.Add(new DefinitionQuestion(Guid.NewGuid(), entry.Question.Trim(), type, entry.IsRequired, entry.HelpText, options));
        }
        return new QuestionnaireDefinition(id, "", e.Title, e.Description, true, true, false, null, e.RatingMin, e.RatingMax, questions);
    }

    /// <summary>Maps a sample response's answers (keyed by question text, options by text) to answer inputs.</summary>
    private static List<AnswerInput> ToAnswers(ResponseEntry entry, QuestionnaireDefinition definition, List<string> errors, string path)
    {
        var answers = new List<AnswerInput>();
        foreach (var (text, value) in entry.Answers)
        {
            var question = definition.Questions.FirstOrDefault(q => q.Text == text.Trim());
            if (question is null)
            {
                errors.Add($"{path}.answers: no question reads '{text}'.");
                continue;
            }
            Guid OptionId(string? option) => question.Options.FirstOrDefault(o => string.Equals(o.Text, option?.Trim(), StringComparison.OrdinalIgnoreCase))?.Id ?? Guid.Empty;
            answers.Add(value.ValueKind switch
            {
                JsonValueKind.Number => new AnswerInput(question.Id, Rating: value.TryGetInt32(out var n) ? n : int.MinValue),
                JsonValueKind.Array => new AnswerInput(question.Id, OptionIds: [.. value.EnumerateArray().Select(v => OptionId(v.GetString()))]),
                _ when question.Type == QuestionType.Text => new AnswerInput(question.Id, Text: value.GetString()),
                _ => new AnswerInput(question.Id, OptionIds: [OptionId(value.ValueKind == JsonValueKind.String ? value.GetString() : null)]),
            });
        }
        return answers;
    }
}
