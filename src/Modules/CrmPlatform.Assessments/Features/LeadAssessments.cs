using CrmPlatform.Assessments.Data;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

public sealed record OfferedAssessment(Guid Id, string Title, string? Description, string Slug, bool Taken);

public sealed record LeadOverview(IReadOnlyList<OfferedAssessment> Offered, IReadOnlyList<ResponseListItem> Results);

/// <summary>
/// What a signed-in lead sees under <c>/my/assessments</c>: the active assessments that are public or offered to leads,
/// and the responses of the contact with their email (the link between a lead user and their contact).
/// </summary>
public sealed class LeadAssessments(CrmDbContext db, ResponseQueries responses)
{
    public async Task<LeadOverview> ForAsync(string? email, CancellationToken ct)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        var contactId = normalized.Length == 0 ? null
            : await db.Set<Contact>().Where(c => c.EmailId == normalized).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        var results = contactId is { } id ? await responses.ForContactAsync(id, ct) : [];
        var taken = results.Select(r => r.AssessmentId).ToHashSet();
        var offered = await db.Set<Assessment>().AsNoTracking()
            .Where(a => a.IsActive && (a.IsPublic || a.OfferToLeads))
            .OrderBy(a => a.Title)
            .Select(a => new { a.Id, a.Title, a.Description, a.PublicUrl })
            .Take(200).ToListAsync(ct);
        return new LeadOverview([.. offered.Select(a => new OfferedAssessment(a.Id, a.Title, a.Description, a.PublicUrl, taken.Contains(a.Id)))], results);
    }
}
