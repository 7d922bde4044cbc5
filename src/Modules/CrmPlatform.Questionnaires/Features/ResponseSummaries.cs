using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Features;

public sealed record OptionCount(Guid Id, string Text, int Count);

public sealed record RatingSummary(double? Average, IReadOnlyList<int> Values, IReadOnlyList<int> Counts);

public sealed record TextAnswer(string Text, DateTime CreatedAt);

/// <summary>One question's figures: how many responses answered it, and its option counts, rating figures or latest texts.</summary>
public sealed record QuestionSummary(Guid Id, string Question, QuestionType Type, int Answered, IReadOnlyList<OptionCount> Options, RatingSummary? Rating, IReadOnlyList<TextAnswer> Texts);

public sealed record QuestionnaireSummary(Guid Id, string Title, int Responses, ResponseFilter Filter, IReadOnlyList<QuestionSummary> Questions);

/// <summary>
/// The results summary, aggregated in SQL: one GROUP BY (question_id, option_id, rating_value) over the answers, one
/// COUNT(DISTINCT response_id) per checkbox question, one count of responses, and the latest text answers per text question.
/// No response is loaded, so the cost grows with the number of answer rows scanned in an index, not with round trips.
/// </summary>
public sealed class ResponseSummaries(CrmDbContext db, QuestionnaireDefinitions definitions, ResponseQueries responses)
{
    public const int LatestTexts = 10;

    public async Task<QuestionnaireSummary?> GetAsync(Guid questionnaireId, ResponseFilter filter, string? search, CancellationToken ct)
    {
        var definition = await definitions.ByIdAsync(db, questionnaireId, ct);
        if (definition is null)
        {
            return null;
        }
        var answers = Answers(questionnaireId, [.. definition.Questions.Select(q => q.Id)], filter);
        var groups = await answers.GroupBy(a => new { a.QuestionId, a.OptionId, a.RatingValue })
            .Select(g => new { g.Key.QuestionId, g.Key.OptionId, g.Key.RatingValue, Count = g.Count() }).ToListAsync(ct);
        // A response has one row per answered question, except checkbox questions (one per chosen option): only those need DISTINCT.
        var checkboxIds = definition.Questions.Where(q => q.Type == QuestionType.Checkbox).Select(q => q.Id).ToList();
        var answered = checkboxIds.Count == 0 ? [] : await answers.Where(a => checkboxIds.Contains(a.QuestionId)).GroupBy(a => a.QuestionId)
            .Select(g => new { g.Key, Count = g.Select(a => a.ResponseId).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var total = await responses.Filtered(questionnaireId, filter).CountAsync(ct);
        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLowerInvariant();
        var questions = new List<QuestionSummary>();
        foreach (var q in definition.Questions)
        {
            var rows = groups.Where(g => g.QuestionId == q.Id).ToList();
            var options = q.Options.Select(o => new OptionCount(o.Id, o.Text, rows.Where(r => r.OptionId == o.Id).Sum(r => r.Count))).ToList();
            RatingSummary? rating = null;
            if (q.Type == QuestionType.RatingScale)
            {
                var values = Enumerable.Range(definition.RatingMin, definition.RatingMax - definition.RatingMin + 1).ToList();
                var counts = values.Select(v => rows.Where(r => r.RatingValue == v).Sum(r => r.Count)).ToList();
                var n = counts.Sum();
                rating = new RatingSummary(n == 0 ? null : Math.Round(values.Zip(counts).Sum(p => (double)p.First * p.Second) / n, 2), values, counts);
            }
            IReadOnlyList<TextAnswer> texts = [];
            if (q.Type == QuestionType.Text)
            {
                var query = answers.Where(a => a.QuestionId == q.Id && a.AnswerText != null);
                if (term is not null)
                {
                    query = query.Where(a => a.AnswerText!.ToLower().Contains(term));
                }
                texts = await query.OrderByDescending(a => a.CreatedAt).Take(LatestTexts).Select(a => new TextAnswer(a.AnswerText!, a.CreatedAt)).ToListAsync(ct);
            }
            var count = q.Type == QuestionType.Checkbox ? answered.GetValueOrDefault(q.Id) : rows.Sum(r => r.Count);
            questions.Add(new QuestionSummary(q.Id, q.Text, q.Type, count, options, rating, texts));
        }
        return new QuestionnaireSummary(definition.Id, definition.Title, total, filter, questions);
    }

    /// <summary>
    /// The answers in scope. Unfiltered, by question id alone (an index-only range of the covering index per question);
    /// with a filter, joined to the filtered responses (index on questionnaire_id, created_at).
    /// </summary>
    private IQueryable<QuestionnaireResponseAnswer> Answers(Guid questionnaireId, List<Guid> questionIds, ResponseFilter filter)
    {
        var answers = db.Set<QuestionnaireResponseAnswer>().AsNoTracking();
        if (filter.IsEmpty)
        {
            return answers.Where(a => questionIds.Contains(a.QuestionId));
        }
        return from a in answers
               join r in responses.Filtered(questionnaireId, filter) on a.ResponseId equals r.Id
               select a;
    }
}
