using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Features;

public sealed record QuestionnaireFilter(string? Search = null, bool Deleted = false, string? Cursor = null, int? Limit = null);

/// <summary>Reads for the builder screens and the admin API.</summary>
public sealed class QuestionnaireQueries(CrmDbContext db)
{
    private sealed record Key(string Title, Guid Id);

    public async Task<Result<CursorPage<QuestionnaireListItem>>> ListAsync(QuestionnaireFilter filter, CancellationToken ct)
    {
        if (!Cursor.TryDecode<Key>(filter.Cursor, out var after))
        {
            return Result<CursorPage<QuestionnaireListItem>>.Invalid("cursor", "The cursor is not valid.");
        }
        var limit = Cursor.ClampLimit(filter.Limit);
        var query = db.Set<Questionnaire>().AsNoTracking().IgnoreQueryFilters()
            .Where(q => filter.Deleted ? q.DeletedAt != null : q.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLowerInvariant();
            query = query.Where(q => q.Title.ToLower().Contains(term));
        }
        if (after is not null)
        {
            query = query.Where(q => string.Compare(q.Title, after.Title) > 0 || (q.Title == after.Title && q.Id.CompareTo(after.Id) > 0));
        }
        var rows = await query.OrderBy(q => q.Title).ThenBy(q => q.Id).Take(limit + 1)
            .Select(q => new QuestionnaireListItem(q.Id, q.Title, q.IsActive, q.IsPublic, q.OfferToLeads, q.PublicUrl, q.Questions.Count,
                db.Set<QuestionnaireResponse>().Count(r => r.QuestionnaireId == q.Id), q.CreatedAt, q.DeletedAt))
            .ToListAsync(ct);
        var next = rows.Count > limit ? Cursor.Encode(new Key(rows[limit - 1].Title, rows[limit - 1].Id)) : null;
        return Result<CursorPage<QuestionnaireListItem>>.Ok(new([.. rows.Take(limit)], next));
    }

    public async Task<QuestionnaireDto?> GetAsync(Guid id, CancellationToken ct)
    {
        var q = await db.Set<Questionnaire>().AsNoTracking().AsSplitQuery().Include(x => x.Questions).ThenInclude(x => x.Options).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null)
        {
            return null;
        }
        var questionIds = q.Questions.Select(x => x.Id).ToList();
        var counts = await db.Set<QuestionnaireResponseAnswer>().Where(a => questionIds.Contains(a.QuestionId))
            .GroupBy(a => new { a.QuestionId, a.OptionId }).Select(g => new { g.Key.QuestionId, g.Key.OptionId, Count = g.Count() }).ToListAsync(ct);
        var byQuestion = counts.GroupBy(c => c.QuestionId).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var byOption = counts.Where(c => c.OptionId is not null).ToDictionary(c => c.OptionId!.Value, c => c.Count);
        var responses = await db.Set<QuestionnaireResponse>().CountAsync(r => r.QuestionnaireId == id, ct);
        return new QuestionnaireDto(q.Id, q.Title, q.Description, q.IsActive, q.IsPublic, q.OfferToLeads, q.PublicUrl, q.ContactCategoryId, q.RatingMin, q.RatingMax,
            q.CreatedById, q.CreatedAt, q.UpdatedAt, q.DeletedAt, responses,
            [.. q.Questions.OrderBy(x => x.SortOrder).ThenBy(x => x.Id).Select(x => ToDto(x, byQuestion.GetValueOrDefault(x.Id), byOption))]);
    }

    internal static QuestionDto ToDto(QuestionnaireQuestion q, int answers, IReadOnlyDictionary<Guid, int>? optionCounts = null) =>
        new(q.Id, q.Question, q.Type, q.IsRequired, q.HelpText, q.SortOrder, answers,
            [.. q.Options.OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => ToDto(o, optionCounts?.GetValueOrDefault(o.Id) ?? 0))]);

    internal static OptionDto ToDto(QuestionnaireQuestionOption o, int answers) => new(o.Id, o.Text, o.SortOrder, answers);
}
