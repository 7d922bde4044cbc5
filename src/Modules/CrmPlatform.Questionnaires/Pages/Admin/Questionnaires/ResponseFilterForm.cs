using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Features;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Pages.Admin.Questionnaires;

/// <summary>The date range and category filter shared by the summary, responses and export screens.</summary>
public sealed record ResponseFilterForm(DateOnly? From, DateOnly? To, Guid? CategoryId, string? Search, bool ShowSearch, IReadOnlyList<ContactCategory> Categories)
{
    public ResponseFilter Filter => new(From, To, CategoryId);

    public string Query => string.Join("&", new[]
    {
        From is { } f ? $"from={f:yyyy-MM-dd}" : null,
        To is { } t ? $"to={t:yyyy-MM-dd}" : null,
        CategoryId is { } c ? $"categoryId={c}" : null,
    }.Where(p => p is not null));

    public static async Task<IReadOnlyList<ContactCategory>> CategoriesAsync(CrmDbContext db, CancellationToken ct) =>
        await db.Set<ContactCategory>().AsNoTracking().OrderBy(c => c.Name).Take(500).ToListAsync(ct);
}
