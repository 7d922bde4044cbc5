using System.Text.Json.Nodes;
using CrmPlatform.Core.Data;

namespace CrmPlatform.Core.Contacts;

/// <summary>
/// A module's part in a data-subject request about a contact: it exports everything it holds about the contact and
/// erases the personal data on request (free text the person wrote, addresses, attachments) while keeping the rows
/// that aggregate counts are made of. The Contacts module calls every participant (registered with
/// <c>services.AddScoped&lt;IContactDataParticipant, …&gt;()</c>) inside one transaction and audits the request.
/// </summary>
public interface IContactDataParticipant
{
    /// <summary>The key of this module's section in the export document, e.g. <c>leads</c>.</summary>
    string Section { get; }

    /// <summary>What the module holds about the contact, as JSON (an array or object), or null when nothing.</summary>
    Task<JsonNode?> ExportAsync(CrmDbContext db, Guid contactId, CancellationToken ct);

    /// <summary>
    /// Anonymises or removes the module's personal data about the contact through <paramref name="db"/> (do not call
    /// <c>SaveChanges</c>: the caller commits everything at once). Files to delete after the commit are returned.
    /// </summary>
    Task<IReadOnlyList<string>> EraseAsync(CrmDbContext db, Guid contactId, CancellationToken ct);
}
