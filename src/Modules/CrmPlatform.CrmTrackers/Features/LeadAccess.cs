using CrmPlatform.Contacts.Data;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>
/// The row rule: without <c>Leads.ViewAll</c> a user sees only the leads assigned to them. Every lead query starts
/// here, so an id outside the scope is simply not found (404, no existence leak).
/// </summary>
public sealed class LeadAccess(CrmDbContext db, ICurrentUser user, PermissionService permissions)
{
    public const int DeletedContactsListLimit = 200;

    private bool? _viewAll;
    private List<Guid>? _deletedContacts;

    public Guid? UserId => user.Id;

    public Task<bool> HasAsync(Permission permission, CancellationToken ct) => permissions.HasAsync(user.Principal, permission.Name, ct);

    public async Task<bool> ViewAllAsync(CancellationToken ct) => _viewAll ??= await HasAsync(CrmTrackersPermissions.ViewAll, ct);

    /// <summary>
    /// The leads the current user may see (tracked queries; add AsNoTracking for reads). Leads of a soft-deleted contact
    /// are hidden with it (and come back when it is restored), so counts, cards and lists always agree.
    /// </summary>
    /// <remarks>
    /// Checking every lead's contact (a lookup per lead) dominated the board and report of a large tracker, so the
    /// soft-deleted contacts are read first (an index on contacts.deleted_at): none, the usual case, needs no check;
    /// a few become a NOT IN list; beyond <see cref="DeletedContactsListLimit"/> the per-lead check is kept.
    /// </remarks>
    public async Task<IQueryable<Lead>> LeadsAsync(CancellationToken ct)
    {
        _deletedContacts ??= await db.Set<Contact>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.DeletedAt != null).Select(c => c.Id).Take(DeletedContactsListLimit + 1).ToListAsync(ct);
        var deleted = _deletedContacts;
        var leads = deleted.Count switch
        {
            0 => db.Leads(),
            > DeletedContactsListLimit => db.Leads().Where(l => db.Set<Contact>().Any(c => c.Id == l.ContactId)),
            _ => db.Leads().Where(l => !deleted.Contains(l.ContactId)),
        };
        if (await ViewAllAsync(ct))
        {
            return leads;
        }
        var me = user.Id ?? Guid.Empty;
        return leads.Where(l => l.AssignedToId == me);
    }

    public async Task<Lead?> FindAsync(Guid id, CancellationToken ct, bool deleted = false)
    {
        var leads = await LeadsAsync(ct);
        if (deleted)
        {
            leads = leads.IgnoreQueryFilters().Where(l => l.DeletedAt != null);
        }
        return await leads.FirstOrDefaultAsync(l => l.Id == id, ct);
    }
}

/// <summary>Short names for the module's sets (the context is composed, so it has no typed properties for them).</summary>
internal static class CrmTrackersSets
{
    public static DbSet<CrmTracker> Trackers(this CrmDbContext db) => db.Set<CrmTracker>();
    public static DbSet<CrmField> Fields(this CrmDbContext db) => db.Set<CrmField>();
    public static DbSet<Lead> Leads(this CrmDbContext db) => db.Set<Lead>();
    public static DbSet<LeadFieldValue> LeadFieldValues(this CrmDbContext db) => db.Set<LeadFieldValue>();
    public static DbSet<LeadNote> LeadNotes(this CrmDbContext db) => db.Set<LeadNote>();
}
