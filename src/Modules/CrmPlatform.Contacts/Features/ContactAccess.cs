using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features;

/// <summary>
/// The row rule every contacts query starts from: all contacts for holders of <c>Contacts.ViewAll</c>; otherwise only the
/// ids the <see cref="IContactScope"/> contributors allow (none without a contributor). Soft-deleted contacts are visible
/// only on request and only to users who may delete (and so restore) contacts.
/// </summary>
public sealed class ContactAccess(CrmDbContext db, ICurrentUser user, PermissionService permissions, IEnumerable<IContactScope> scopes)
{
    public Guid? UserId => user.Id;

    public Task<bool> CanAsync(Permission permission, CancellationToken ct = default) =>
        permissions.HasAsync(user.Principal, permission.Name, ct);

    public async Task<IQueryable<Contact>> VisibleAsync(bool includeDeleted = false, CancellationToken ct = default)
    {
        var contacts = includeDeleted && await CanAsync(ContactsPermissions.Delete, ct)
            ? db.Set<Contact>().IgnoreQueryFilters()
            : db.Set<Contact>();
        if (user.Id is not { } userId || !await CanAsync(ContactsPermissions.View, ct))
        {
            return contacts.Where(c => false);
        }
        if (await CanAsync(ContactsPermissions.ViewAll, ct))
        {
            return contacts;
        }
        IQueryable<Guid>? ids = null;
        foreach (var scope in scopes)
        {
            var contributed = scope.VisibleContactIds(db, userId);
            ids = ids is null ? contributed : ids.Union(contributed);
        }
        return ids is null ? contacts.Where(c => false) : contacts.Where(c => ids.Contains(c.Id));
    }

    /// <summary>The contact if the user may see it (tracked, for changes), else null.</summary>
    public async Task<Contact?> FindAsync(Guid id, bool includeDeleted = false, CancellationToken ct = default) =>
        await (await VisibleAsync(includeDeleted, ct)).FirstOrDefaultAsync(c => c.Id == id, ct);

    public async Task<bool> IsVisibleAsync(Guid id, CancellationToken ct = default) =>
        await (await VisibleAsync(false, ct)).AnyAsync(c => c.Id == id, ct);
}
