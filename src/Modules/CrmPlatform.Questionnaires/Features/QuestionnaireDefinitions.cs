using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CrmPlatform.Questionnaires.Features;

public sealed record DefinitionOption(Guid Id, string Text);

public sealed record DefinitionQuestion(Guid Id, string Text, QuestionType Type, bool IsRequired, string? HelpText, IReadOnlyList<DefinitionOption> Options)
{
    public DefinitionOption? Option(Guid id) => Options.FirstOrDefault(o => o.Id == id);
}

/// <summary>A questionnaire as respondents see it and the validator reads it: immutable, cached by slug.</summary>
public sealed record QuestionnaireDefinition(
    Guid Id,
    string Slug,
    string Title,
    string? Description,
    bool IsActive,
    bool IsPublic,
    bool OfferToLeads,
    Guid? ContactCategoryId,
    int RatingMin,
    int RatingMax,
    IReadOnlyList<DefinitionQuestion> Questions)
{
    public DefinitionQuestion? Question(Guid id) => Questions.FirstOrDefault(q => q.Id == id);
}

/// <summary>
/// Loads questionnaire definitions, cached by slug so the public submit path reads no question rows. Every builder change
/// drops the entry on this node; other nodes see it within <see cref="Lifetime"/>.
/// </summary>
public sealed class QuestionnaireDefinitions(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<QuestionnaireDefinition?> BySlugAsync(CrmDbContext db, string slug, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length > 32)
        {
            return null;
        }
        var key = CacheKey(slug);
        if (cache.TryGetValue(key, out QuestionnaireDefinition? cached))
        {
            return cached;
        }
        var definition = await LoadAsync(db.Set<Questionnaire>().Where(q => q.PublicUrl == slug), ct);
        cache.Set(key, definition, Lifetime);
        return definition;
    }

    /// <summary>Uncached, for the admin preview.</summary>
    public Task<QuestionnaireDefinition?> ByIdAsync(CrmDbContext db, Guid id, CancellationToken ct) =>
        LoadAsync(db.Set<Questionnaire>().Where(q => q.Id == id), ct);

    public void Invalidate(string slug) => cache.Remove(CacheKey(slug));

    private static string CacheKey(string slug) => "qst:def:" + slug;

    private static async Task<QuestionnaireDefinition?> LoadAsync(IQueryable<Questionnaire> query, CancellationToken ct)
    {
        var q = await query.AsNoTracking().AsSplitQuery().Include(x => x.Questions).ThenInclude(x => x.Options).FirstOrDefaultAsync(ct);
        if (q is null)
        {
            return null;
        }
        var questions = q.Questions.OrderBy(x => x.SortOrder).ThenBy(x => x.Id)
            .Select(x => new DefinitionQuestion(x.Id, x.Question, x.Type, x.IsRequired, x.HelpText,
                [.. x.Options.OrderBy(o => o.SortOrder).ThenBy(o => o.Id).Select(o => new DefinitionOption(o.Id, o.Text))]))
            .ToList();
        return new QuestionnaireDefinition(q.Id, q.PublicUrl, q.Title, q.Description, q.IsActive, q.IsPublic, q.OfferToLeads, q.ContactCategoryId,
            q.RatingMin, q.RatingMax, questions);
    }
}
