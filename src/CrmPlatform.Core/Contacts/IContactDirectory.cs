using CrmPlatform.Core.Data;

namespace CrmPlatform.Core.Contacts;

/// <summary>Who filled in a public form: enough to find the visitor's contact or create one.</summary>
public sealed record ContactIdentity(string Name, string Email, string? Phone, Guid? CategoryId, string? Location = null);

/// <summary>The contact found or created, or field errors (invalid email or phone) keyed by <see cref="ContactIdentity"/> member names.</summary>
public sealed record ContactMatch(Guid ContactId, bool Created, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Finds a contact by normalised email (then by E.164 phone) or creates one — the rule public assessment and
/// questionnaire forms use to attach a submission to a contact. Implemented by the Contacts module; it writes through
/// the caller's context so the contact and the submission are saved together or not at all.
/// </summary>
public interface IContactDirectory
{
    Task<ContactMatch> FindOrCreateAsync(CrmDbContext db, ContactIdentity identity, CancellationToken ct);
}
