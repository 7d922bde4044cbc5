using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>In a contact merge, the merged contact's questionnaire responses move to the surviving contact.</summary>
internal sealed class ResponseMergeParticipant : IContactMergeParticipant
{
    public string Title => "Questionnaire responses";

    public Task<int> CountAsync(CrmDbContext db, Guid contactId, CancellationToken ct) =>
        db.Set<QuestionnaireResponse>().CountAsync(r => r.ContactId == contactId, ct);

    public async Task MoveAsync(CrmDbContext db, Guid fromContactId, Guid toContactId, CancellationToken ct)
    {
        // Tracked updates (not ExecuteUpdate) so the audit log records each move within the merge's save.
        var moved = await db.Set<QuestionnaireResponse>().Where(r => r.ContactId == fromContactId).ToListAsync(ct);
        foreach (var response in moved)
        {
            response.ContactId = toContactId;
        }
        await db.SaveChangesAsync(ct);
    }
}
