using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Features;

public sealed record OfferedQuestionnaire(Guid Id, string Title, string? Description, string Slug, bool Answered);

public sealed record LeadQuestionnaireOverview(IReadOnlyList<OfferedQuestionnaire> Offered, IReadOnlyList<ResponseListItem> Responses);

/// <summary>
/// What a signed-in lead sees under <c>/my/questionnaires</c>: the active questionnaires offered to leads, and the
/// responses of the contact with their email (the link between a lead user and their contact).
/// </summary>
public sealed class LeadQuestionnaires(CrmDbContext db, ResponseQueries responses)
{
    public async Task<LeadQuestionnaireOverview> ForAsync(string? email, CancellationToken ct)
    {
        var normalized = (email ?? "").Trim().ToLowerInvariant();
        var contactId = normalized.Length == 0 ? null
            : await db.Set<Contact>().Where(c => c.EmailId == normalized).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        var answered = contactId is { } id ? await responses.ForContactAsync(id, ct) : [];
        var done = answered.Select(r => r.QuestionnaireId).ToHashSet();
        var offered = await db.Set<Questionnaire>().AsNoTracking().Where(q => q.IsActive && q.OfferToLeads)
            .OrderBy(q => q.Title).Select(q => new { q.Id, q.Title, q.Description, q.PublicUrl }).Take(200).ToListAsync(ct);
        return new LeadQuestionnaireOverview([.. offered.Select(q => new OfferedQuestionnaire(q.Id, q.Title, q.Description, q.PublicUrl, done.Contains(q.Id)))], answered);
    }
}
