using CrmPlatform.Core.Data;

namespace CrmPlatform.Core.Contacts;

/// <summary>
/// A module's say in which contacts a user without <c>Contacts.ViewAll</c> may see (CrmTrackers: the contacts of the
/// leads assigned to them). The Contacts module unions every contributor's ids and applies them in each of its queries;
/// with no contributor such a user sees no contact. An id outside the scope answers 404.
/// </summary>
public interface IContactScope
{
    /// <summary>Ids of the contacts <paramref name="userId"/> may see, as a query the caller composes (never materialised).</summary>
    IQueryable<Guid> VisibleContactIds(CrmDbContext db, Guid userId);
}
