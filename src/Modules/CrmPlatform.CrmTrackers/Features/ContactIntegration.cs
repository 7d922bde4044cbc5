using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>Users without Contacts.ViewAll (partners) see the contacts of the leads assigned to them.</summary>
internal sealed class AssignedLeadsContactScope : IContactScope
{
    public IQueryable<Guid> VisibleContactIds(CrmDbContext db, Guid userId) =>
        db.Leads().Where(l => l.AssignedToId == userId).Select(l => l.ContactId);
}

/// <summary>In a contact merge, the merged contact's leads (deleted ones too) move to the surviving contact.</summary>
internal sealed class LeadsMergeParticipant : IContactMergeParticipant
{
    public string Title => "Leads";

    public Task<int> CountAsync(CrmDbContext db, Guid contactId, CancellationToken ct) =>
        db.Leads().IgnoreQueryFilters().CountAsync(l => l.ContactId == contactId, ct);

    public async Task MoveAsync(CrmDbContext db, Guid fromContactId, Guid toContactId, CancellationToken ct)
    {
        // Tracked updates rather than ExecuteUpdate: each moved lead gets an audit entry and the merge's transaction holds them.
        var leads = await db.Leads().IgnoreQueryFilters().Where(l => l.ContactId == fromContactId).ToListAsync(ct);
        foreach (var lead in leads)
        {
            lead.ContactId = toContactId;
        }
        await db.SaveChangesAsync(ct);
    }
}
