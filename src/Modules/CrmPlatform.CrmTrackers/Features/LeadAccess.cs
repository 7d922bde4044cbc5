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
    private bool? _viewAll;

    public Guid? UserId => user.Id;

    public Task<bool> HasAsync(Permission permission, CancellationToken ct) => permissions.HasAsync(user.Principal, permission.Name, ct);

    public async Task<bool> ViewAllAsync(CancellationToken ct) => _viewAll ??= await HasAsync(CrmTrackersPermissions.ViewAll, ct);

    /// <summary>
    /// The leads the current user may see (tracked queries; add AsNoTracking for reads). Leads of a soft-deleted contact
    /// are hidden with it (and come back when it is restored), so counts, cards and lists always agree.
    /// </summary>
    public async Task<IQueryable<Lead>> LeadsAsync(CancellationToken ct)
    {
        var leads = db.Leads().Where(l => db.Set<Contact>().Any(c => c.Id == l.ContactId));
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
