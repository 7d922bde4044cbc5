using CrmPlatform.Assessments.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

public sealed record AssessmentFilter(string? Search = null, bool Deleted = false, string? Cursor = null, int? Limit = null);

/// <summary>Reads for the builder screens and the admin API.</summary>
public sealed class AssessmentQueries(CrmDbContext db)
{
    private sealed record Key(string Title, Guid Id);

    public async Task<Result<CursorPage<AssessmentListItem>>> ListAsync(AssessmentFilter filter, CancellationToken ct)
    {
        if (!Cursor.TryDecode<Key>(filter.Cursor, out var after))
        {
            return Result<CursorPage<AssessmentListItem>>.Invalid("cursor", "The cursor is not valid.");
        }
        var limit = Cursor.ClampLimit(filter.Limit);
        var query = db.Set<Assessment>().AsNoTracking().IgnoreQueryFilters()
            .Where(a => filter.Deleted ? a.DeletedAt != null : a.DeletedAt == null);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim().ToLowerInvariant();
            query = query.Where(a => a.Title.ToLower().Contains(term));
        }
        if (after is not null)
        {
            query = query.Where(a => string.Compare(a.Title, after.Title) > 0 || (a.Title == after.Title && a.Id.CompareTo(after.Id) > 0));
        }
        var rows = await query.OrderBy(a => a.Title).ThenBy(a => a.Id).Take(limit + 1)
            .Select(a => new AssessmentListItem(a.Id, a.Title, a.Trait, a.IsActive, a.IsPublic, a.PublicUrl, a.Questions.Count,
                db.Set<AssessmentResponse>().Count(r => r.AssessmentId == a.Id), a.CreatedAt, a.DeletedAt))
            .ToListAsync(ct);
        var next = rows.Count > limit ? Cursor.Encode(new Key(rows[limit - 1].Title, rows[limit - 1].Id)) : null;
        return Result<CursorPage<AssessmentListItem>>.Ok(new([.. rows.Take(limit)], next));
    }

    public async Task<AssessmentDto?> GetAsync(Guid id, CancellationToken ct, bool includeDeleted = false)
    {
        var set = includeDeleted ? db.Set<Assessment>().IgnoreQueryFilters() : db.Set<Assessment>();
        var a = await set.AsNoTracking().AsSplitQuery().Include(x => x.Questions).ThenInclude(q => q.Options).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return null;
        }
        var answerCounts = await db.Set<AssessmentResponseAnswer>().Where(x => x.Question!.AssessmentId == id)
            .GroupBy(x => x.QuestionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var responses = await db.Set<AssessmentResponse>().CountAsync(r => r.AssessmentId == id, ct);
        return new AssessmentDto(a.Id, a.Title, a.Description, a.Trait, a.IsActive, a.IsPublic, a.PublicUrl, a.ScoringLogic, a.ShowScore, a.ShowRanking,
            a.ShowPersonalityType, a.ShowTraits, a.AskPhone, a.OfferToLeads, a.ContactCategoryId, a.CreatedById, a.CreatedAt, a.UpdatedAt, a.DeletedAt, responses,
            [.. a.Questions.OrderBy(q => q.SortOrder).ThenBy(q => q.Id).Select(q => ToDto(q, answerCounts.GetValueOrDefault(q.Id)))]);
    }

    internal static QuestionDto ToDto(AssessmentQuestion q, int answers) =>
        new(q.Id, q.Question, q.Type, q.Points, q.SortOrder, answers,
            [.. q.Options.OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(ToDto)]);

    internal static OptionDto ToDto(AssessmentQuestionOption o) => new(o.Id, o.Text, o.Points, o.IsCorrect, o.SortOrder, o.Dimensions);
}
