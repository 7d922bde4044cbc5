using CrmPlatform.Core.Data;

namespace CrmPlatform.Core.Contacts;

/// <summary>
/// A module's part in merging two contacts: it moves the rows it holds for the merged contact (leads, responses,
/// messages…) to the surviving one. The Contacts module calls every participant inside the merge's transaction, so a
/// merge moves everything or nothing, without Contacts knowing the other modules.
/// </summary>
public interface IContactMergeParticipant
{
    /// <summary>What the rows are called in the merge preview, e.g. "Leads".</summary>
    string Title { get; }

    /// <summary>How many rows the contact has (shown before the user confirms the merge).</summary>
    Task<int> CountAsync(CrmDbContext db, Guid contactId, CancellationToken ct);

    /// <summary>Re-points every row of <paramref name="fromContactId"/> to <paramref name="toContactId"/> (use the given context: it is in the merge's transaction).</summary>
    Task MoveAsync(CrmDbContext db, Guid fromContactId, Guid toContactId, CancellationToken ct);
}
