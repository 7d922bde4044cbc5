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
/// The results summary. Unfiltered, it reads the running totals in <see cref="QuestionnaireSummaryCount"/> (one query,
/// a few rows per question, whatever the number of responses). With a date or category filter it aggregates in SQL: one
/// GROUP BY (question_id, option_id, rating_value) over the filtered answers, one COUNT(DISTINCT response_id) per
/// checkbox question and one count of responses. Either way the latest text answers per text question come from the
/// (question_id, created_at) index. See ADR 0013.
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
        var (groups, answered, total) = filter.IsEmpty
            ? await FromCountsAsync(questionnaireId, ct)
            : await AggregateAsync(definition, answers, questionnaireId, filter, ct);
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
            var count = answered.GetValueOrDefault(q.Id);
            questions.Add(new QuestionSummary(q.Id, q.Text, q.Type, count, options, rating, texts));
        }
        return new QuestionnaireSummary(definition.Id, definition.Title, total, filter, questions);
    }

    private sealed record AnswerGroup(Guid QuestionId, Guid? OptionId, int? RatingValue, int Count);

    /// <summary>Unfiltered: the running totals (a few rows per question), kept by every submission.</summary>
    private async Task<(List<AnswerGroup> Groups, Dictionary<Guid, int> Answered, int Total)> FromCountsAsync(Guid questionnaireId, CancellationToken ct)
    {
        var counts = await db.Set<QuestionnaireSummaryCount>().AsNoTracking().Where(c => c.QuestionnaireId == questionnaireId).ToListAsync(ct);
        var groups = new List<AnswerGroup>();
        var answered = new Dictionary<Guid, int>();
        var total = 0;
        foreach (var c in counts)
        {
            if (c.Bucket == QuestionnaireSummaryCount.Answered)
            {
                if (c.QuestionId == Guid.Empty)
                {
                    total = (int)c.Tally;
                }
                else
                {
                    answered[c.QuestionId] = (int)c.Tally;
                }
            }
            else if (c.Bucket.StartsWith("o:", StringComparison.Ordinal) && Guid.TryParseExact(c.Bucket[2..], "N", out var optionId))
            {
                groups.Add(new AnswerGroup(c.QuestionId, optionId, null, (int)c.Tally));
            }
            else if (c.Bucket.StartsWith("r:", StringComparison.Ordinal) && int.TryParse(c.Bucket[2..], System.Globalization.CultureInfo.InvariantCulture, out var rating))
            {
                groups.Add(new AnswerGroup(c.QuestionId, null, rating, (int)c.Tally));
            }
        }
        return (groups, answered, total);
    }

    /// <summary>Filtered: aggregated in SQL over the answers of the responses in the filter.</summary>
    private async Task<(List<AnswerGroup> Groups, Dictionary<Guid, int> Answered, int Total)> AggregateAsync(
        QuestionnaireDefinition definition, IQueryable<QuestionnaireResponseAnswer> answers, Guid questionnaireId, ResponseFilter filter, CancellationToken ct)
    {
        var groups = await answers.GroupBy(a => new { a.QuestionId, a.OptionId, a.RatingValue })
            .Select(g => new AnswerGroup(g.Key.QuestionId, g.Key.OptionId, g.Key.RatingValue, g.Count())).ToListAsync(ct);
        // A response has one row per answered question, except checkbox questions (one per chosen option): only those need DISTINCT.
        var checkboxIds = definition.Questions.Where(q => q.Type == QuestionType.Checkbox).Select(q => q.Id).ToList();
        var answered = checkboxIds.Count == 0 ? [] : await answers.Where(a => checkboxIds.Contains(a.QuestionId)).GroupBy(a => a.QuestionId)
            .Select(g => new { g.Key, Count = g.Select(a => a.ResponseId).Distinct().Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var q in definition.Questions.Where(q => q.Type != QuestionType.Checkbox))
        {
            answered[q.Id] = groups.Where(g => g.QuestionId == q.Id).Sum(g => g.Count);
        }
        var total = await responses.Filtered(questionnaireId, filter).CountAsync(ct);
        return (groups, answered, total);
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
