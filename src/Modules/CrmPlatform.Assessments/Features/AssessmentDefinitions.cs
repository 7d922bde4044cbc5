using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Scoring;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CrmPlatform.Assessments.Features;

public sealed record DefinitionOption(Guid Id, string Text, int Points, bool IsCorrect, int SortOrder, IReadOnlyDictionary<string, int> Dimensions);

public sealed record DefinitionQuestion(Guid Id, string Text, QuestionType Type, int Points, int SortOrder, IReadOnlyList<DefinitionOption> Options)
{
    public ScoringQuestion ToScoring() => new(Id, Type, Points, [.. Options.Select(o => new ScoringOption(o.Id, o.Points, o.IsCorrect, o.Dimensions))]);
}

/// <summary>An assessment as takers see it and the scorer reads it: immutable, cached by slug.</summary>
public sealed record AssessmentDefinition(
    Guid Id,
    string Slug,
    string Title,
    string? Description,
    bool IsActive,
    bool IsPublic,
    bool OfferToLeads,
    bool AskPhone,
    Guid? ContactCategoryId,
    bool ShowScore,
    bool ShowRanking,
    bool ShowPersonalityType,
    bool ShowTraits,
    ScoringLogic Logic,
    IReadOnlyList<DefinitionQuestion> Questions)
{
    public DefinitionQuestion? Question(Guid id) => Questions.FirstOrDefault(q => q.Id == id);
}

/// <summary>
/// Loads assessment definitions, caching them by slug so the public submit path reads no question rows. Every builder
/// change invalidates the entry on this node; other nodes see it within <see cref="Lifetime"/>.
/// </summary>
public sealed class AssessmentDefinitions(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<AssessmentDefinition?> BySlugAsync(CrmDbContext db, string slug, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length > 32)
        {
            return null;
        }
        var key = CacheKey(slug);
        if (cache.TryGetValue(key, out AssessmentDefinition? cached))
        {
            return cached;
        }
        var definition = await LoadAsync(db, db.Set<Assessment>().Where(a => a.PublicUrl == slug), ct);
        cache.Set(key, definition, Lifetime);
        return definition;
    }

    /// <summary>Uncached, for the admin (preview, test panel).</summary>
    public Task<AssessmentDefinition?> ByIdAsync(CrmDbContext db, Guid id, CancellationToken ct) =>
        LoadAsync(db, db.Set<Assessment>().Where(a => a.Id == id), ct);

    public void Invalidate(string slug) => cache.Remove(CacheKey(slug));

    private static string CacheKey(string slug) => "asm:def:" + slug;

    private static async Task<AssessmentDefinition?> LoadAsync(CrmDbContext db, IQueryable<Assessment> query, CancellationToken ct)
    {
        var a = await query.AsNoTracking().AsSplitQuery()
            .Include(x => x.Questions).ThenInclude(q => q.Options)
            .FirstOrDefaultAsync(ct);
        if (a is null)
        {
            return null;
        }
        var questions = a.Questions.OrderBy(q => q.SortOrder).ThenBy(q => q.Id)
            .Select(q => new DefinitionQuestion(q.Id, q.Question, q.Type, q.Points, q.SortOrder,
                [.. q.Options.OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => new DefinitionOption(o.Id, o.Text, o.Points, o.IsCorrect, o.SortOrder, o.Dimensions))]))
            .ToList();
        return new AssessmentDefinition(a.Id, a.PublicUrl, a.Title, a.Description, a.IsActive, a.IsPublic, a.OfferToLeads, a.AskPhone, a.ContactCategoryId,
            a.ShowScore, a.ShowRanking, a.ShowPersonalityType, a.ShowTraits, ScoringLogicParser.ParseStored(a.ScoringLogic), questions);
    }
}
