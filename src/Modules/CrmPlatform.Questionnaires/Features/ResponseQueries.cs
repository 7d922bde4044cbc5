using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>Which responses a summary, list or export covers: submitted between two dates (UTC, inclusive) and by contacts of a category.</summary>
public sealed record ResponseFilter(DateOnly? From = null, DateOnly? To = null, Guid? CategoryId = null)
{
    public bool IsEmpty => From is null && To is null && CategoryId is null;
}

public sealed record ResponseListItem(Guid Id, Guid QuestionnaireId, string QuestionnaireTitle, Guid ContactId, string ContactName, string ContactEmail, DateTime CreatedAt);

/// <summary>One answer row; a checkbox question has one per chosen option.</summary>
public sealed record AnswerDto(Guid QuestionId, string QuestionText, QuestionType QuestionType, Guid? OptionId, string? OptionText, int? RatingValue, string? AnswerText)
{
    public string Display => OptionText ?? RatingValue?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? AnswerText ?? "";
}

public sealed record ResponseDetail(ResponseListItem Response, IReadOnlyList<AnswerDto> Answers);

/// <summary>Responses for the results screens, the admin API, the contact part and the export.</summary>
public sealed class ResponseQueries(CrmDbContext db)
{
    private sealed record Key(DateTime CreatedAt, Guid Id);

    /// <summary>Newest first, each with its answers (one query for the page's answers, none per response).</summary>
    public async Task<Result<CursorPage<ResponseDetail>>> ListAsync(Guid questionnaireId, ResponseFilter filter, string? cursor, int? limit, CancellationToken ct)
    {
        if (!Cursor.TryDecode<Key>(cursor, out var after))
        {
            return Result<CursorPage<ResponseDetail>>.Invalid("cursor", "The cursor is not valid.");
        }
        var take = Cursor.ClampLimit(limit);
        var query = Filtered(questionnaireId, filter);
        if (after is not null)
        {
            query = query.Where(r => r.CreatedAt < after.CreatedAt || (r.CreatedAt == after.CreatedAt && r.Id.CompareTo(after.Id) < 0));
        }
        var rows = await ToListAsync(Items(query).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take + 1), ct);
        var next = rows.Count > take ? Cursor.Encode(new Key(rows[take - 1].CreatedAt, rows[take - 1].Id)) : null;
        var page = rows.Take(take).ToList();
        var answers = await AnswersAsync([.. page.Select(r => r.Id)], ct);
        return Result<CursorPage<ResponseDetail>>.Ok(new([.. page.Select(r => new ResponseDetail(r, answers.GetValueOrDefault(r.Id) ?? []))], next));
    }

    public async Task<ResponseDetail?> GetAsync(Guid responseId, CancellationToken ct)
    {
        var item = (await ToListAsync(Items(db.Set<QuestionnaireResponse>().Where(r => r.Id == responseId)), ct)).FirstOrDefault();
        return item is null ? null : new ResponseDetail(item, (await AnswersAsync([responseId], ct)).GetValueOrDefault(responseId) ?? []);
    }

    public async Task<IReadOnlyList<ResponseListItem>> ForContactAsync(Guid contactId, CancellationToken ct) =>
        await ToListAsync(Items(db.Set<QuestionnaireResponse>().Where(r => r.ContactId == contactId)).OrderByDescending(r => r.CreatedAt).Take(100), ct);

    /// <summary>Every filtered response, oldest first, in batches of <paramref name="batch"/> with their answers (for the export).</summary>
    public async IAsyncEnumerable<ResponseDetail> AllAsync(Guid questionnaireId, ResponseFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct, int batch = 500)
    {
        Key? after = null;
        while (true)
        {
            var query = Filtered(questionnaireId, filter);
            if (after is not null)
            {
                query = query.Where(r => r.CreatedAt > after.CreatedAt || (r.CreatedAt == after.CreatedAt && r.Id.CompareTo(after.Id) > 0));
            }
            var rows = await ToListAsync(Items(query).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(batch), ct);
            if (rows.Count == 0)
            {
                yield break;
            }
            var answers = await AnswersAsync([.. rows.Select(r => r.Id)], ct);
            foreach (var row in rows)
            {
                yield return new ResponseDetail(row, answers.GetValueOrDefault(row.Id) ?? []);
            }
            after = new Key(rows[^1].CreatedAt, rows[^1].Id);
        }
    }

    /// <summary>The questionnaire's responses within the filter (the date bounds use the (questionnaire_id, created_at) index).</summary>
    internal IQueryable<QuestionnaireResponse> Filtered(Guid questionnaireId, ResponseFilter filter)
    {
        var query = db.Set<QuestionnaireResponse>().AsNoTracking().Where(r => r.QuestionnaireId == questionnaireId);
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(r => r.CreatedAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(r => r.CreatedAt < end);
        }
        if (filter.CategoryId is { } categoryId)
        {
            query = query.Where(r => db.Set<Contact>().IgnoreQueryFilters().Any(c => c.Id == r.ContactId && c.CategoryId == categoryId));
        }
        return query;
    }

    private async Task<Dictionary<Guid, List<AnswerDto>>> AnswersAsync(List<Guid> responseIds, CancellationToken ct)
    {
        if (responseIds.Count == 0)
        {
            return [];
        }
        var rows = await db.Set<QuestionnaireResponseAnswer>().AsNoTracking().Where(a => responseIds.Contains(a.ResponseId))
            .Select(a => new
            {
                a.ResponseId,
                QuestionOrder = a.Question!.SortOrder,
                OptionOrder = a.Option != null ? a.Option.SortOrder : 0,
                Answer = new AnswerDto(a.QuestionId, a.QuestionText, a.QuestionType, a.OptionId, a.OptionText, a.RatingValue, a.AnswerText),
            })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.ResponseId).ToDictionary(g => g.Key,
            g => g.OrderBy(r => r.QuestionOrder).ThenBy(r => r.Answer.QuestionId).ThenBy(r => r.OptionOrder).Select(r => r.Answer).ToList());
    }

    /// <summary>A member-initialised row, so callers can order and page after the joins.</summary>
    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid QuestionnaireId { get; init; }
        public string Title { get; init; } = "";
        public Guid ContactId { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public DateTime CreatedAt { get; init; }
    }

    private IQueryable<Row> Items(IQueryable<QuestionnaireResponse> responses) =>
        from r in responses
        join q in db.Set<Questionnaire>().IgnoreQueryFilters() on r.QuestionnaireId equals q.Id
        join c in db.Set<Contact>().IgnoreQueryFilters() on r.ContactId equals c.Id
        select new Row { Id = r.Id, QuestionnaireId = r.QuestionnaireId, Title = q.Title, ContactId = r.ContactId, Name = c.Name, Email = c.EmailId, CreatedAt = r.CreatedAt };

    private static async Task<List<ResponseListItem>> ToListAsync(IQueryable<Row> rows, CancellationToken ct) =>
        [.. (await rows.ToListAsync(ct)).Select(r => new ResponseListItem(r.Id, r.QuestionnaireId, r.Title, r.ContactId, r.Name, r.Email, r.CreatedAt))];
}
