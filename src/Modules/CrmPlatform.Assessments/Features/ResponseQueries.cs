using CrmPlatform.Assessments.Data;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

public sealed record ResponseListItem(Guid Id, Guid AssessmentId, string AssessmentTitle, Guid ContactId, string ContactName, string ContactEmail, int TotalScore, int MaxScore,
    decimal Percentage, string? Ranking, string? PersonalityType, string? Traits, string? InnerDrives, string? Baselines, ResponseStatus Status, DateTime CreatedAt);

public sealed record AnswerDto(Guid Id, Guid QuestionId, string QuestionText, QuestionType QuestionType, Guid? OptionId, string? OptionText, int? RatingValue,
    string? AnswerText, int Points, int MaxPoints, bool PendingGrading);

public sealed record ResponseDetail(ResponseListItem Response, IReadOnlyList<AnswerDto> Answers);

/// <summary>Score bands (0–9 … 90–100) and personality types of an assessment's responses, for the results charts.</summary>
public sealed record ResultStats(int Count, decimal AveragePercentage, IReadOnlyList<int> Bands, IReadOnlyDictionary<string, int> PersonalityTypes, IReadOnlyDictionary<string, int> Rankings);

public sealed class ResponseQueries(CrmDbContext db)
{
    private sealed record Key(DateTime CreatedAt, Guid Id);

    public async Task<Result<CursorPage<ResponseListItem>>> ListAsync(Guid assessmentId, string? cursor, int? limit, CancellationToken ct)
    {
        if (!Cursor.TryDecode<Key>(cursor, out var after))
        {
            return Result<CursorPage<ResponseListItem>>.Invalid("cursor", "The cursor is not valid.");
        }
        var take = Cursor.ClampLimit(limit);
        var query = db.Set<AssessmentResponse>().Where(r => r.AssessmentId == assessmentId);
        if (after is not null)
        {
            query = query.Where(r => r.CreatedAt < after.CreatedAt || (r.CreatedAt == after.CreatedAt && r.Id.CompareTo(after.Id) < 0));
        }
        var rows = await Items(query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take + 1)).ToListAsync(ct);
        var next = rows.Count > take ? Cursor.Encode(new Key(rows[take - 1].CreatedAt, rows[take - 1].Id)) : null;
        return Result<CursorPage<ResponseListItem>>.Ok(new([.. rows.Take(take)], next));
    }

    public async Task<IReadOnlyList<ResponseListItem>> ForContactAsync(Guid contactId, CancellationToken ct) =>
        await Items(db.Set<AssessmentResponse>().Where(r => r.ContactId == contactId).OrderByDescending(r => r.CreatedAt).Take(100)).ToListAsync(ct);

    public async Task<ResponseDetail?> GetAsync(Guid responseId, CancellationToken ct)
    {
        var item = await Items(db.Set<AssessmentResponse>().Where(r => r.Id == responseId)).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return null;
        }
        var answers = await db.Set<AssessmentResponseAnswer>().AsNoTracking().Where(a => a.ResponseId == responseId)
            .Join(db.Set<AssessmentQuestion>(), a => a.QuestionId, q => q.Id, (a, q) => new { a, q.SortOrder })
            .OrderBy(x => x.SortOrder)
            .Select(x => new AnswerDto(x.a.Id, x.a.QuestionId, x.a.QuestionText, x.a.QuestionType, x.a.OptionId, x.a.OptionText, x.a.RatingValue, x.a.AnswerText,
                x.a.Points, x.a.MaxPoints, x.a.PendingGrading))
            .ToListAsync(ct);
        return new ResponseDetail(item, answers);
    }

    public async Task<ResultStats> StatsAsync(Guid assessmentId, CancellationToken ct)
    {
        var rows = await db.Set<AssessmentResponse>().Where(r => r.AssessmentId == assessmentId)
            .Select(r => new { r.Percentage, r.PersonalityType, r.Ranking }).ToListAsync(ct);
        var bands = new int[10];
        foreach (var row in rows)
        {
            bands[Math.Min(9, (int)(row.Percentage / 10))]++;
        }
        return new ResultStats(
            rows.Count,
            rows.Count == 0 ? 0 : Math.Round(rows.Average(r => r.Percentage), 2),
            bands,
            rows.GroupBy(r => r.PersonalityType ?? "(none)").OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            rows.GroupBy(r => r.Ranking ?? "(none)").OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>Every response of the assessment, oldest first, streamed in pages for the CSV export.</summary>
    public async IAsyncEnumerable<ResponseListItem> AllAsync(Guid assessmentId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var query = Items(db.Set<AssessmentResponse>().Where(r => r.AssessmentId == assessmentId).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)).AsAsyncEnumerable();
        await foreach (var item in query.WithCancellation(ct))
        {
            yield return item;
        }
    }

    private IQueryable<ResponseListItem> Items(IQueryable<AssessmentResponse> responses) =>
        from r in responses
        join s in db.Set<Assessment>().IgnoreQueryFilters() on r.AssessmentId equals s.Id
        join c in db.Set<Contact>().IgnoreQueryFilters() on r.ContactId equals c.Id
        select new ResponseListItem(r.Id, r.AssessmentId, s.Title, r.ContactId, c.Name, c.EmailId, r.TotalScore, r.MaxScore, r.Percentage, r.Ranking,
            r.PersonalityType, r.Traits, r.InnerDrives, r.Baselines, r.Status, r.CreatedAt);
}
