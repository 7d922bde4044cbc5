using CrmPlatform.Assessments.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

/// <summary>In a contact merge, the merged contact's assessment responses move to the surviving contact.</summary>
internal sealed class ResponseMergeParticipant : IContactMergeParticipant
{
    public string Title => "Assessment responses";

    public Task<int> CountAsync(CrmDbContext db, Guid contactId, CancellationToken ct) =>
        db.Set<AssessmentResponse>().CountAsync(r => r.ContactId == contactId, ct);

    public async Task MoveAsync(CrmDbContext db, Guid fromContactId, Guid toContactId, CancellationToken ct)
    {
        // Tracked updates (not ExecuteUpdate) so the audit log records each move within the merge's save.
        var responses = await db.Set<AssessmentResponse>().Where(r => r.ContactId == fromContactId).ToListAsync(ct);
        foreach (var response in responses)
        {
            response.ContactId = toContactId;
        }
        await db.SaveChangesAsync(ct);
    }
}
