using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Workflows;

/// <summary>What the contact tasks share: the contact property and finding the contact it names.</summary>
internal static class ContactTaskSupport
{
    public const string ContactProperty = "ContactId";
    public const string NotFound = "NotFound";

    public static ActivityProperty ContactIdProperty() =>
        new(ContactProperty, "Contact id", ActivityPropertyType.Liquid, Required: true)
        {
            Default = "{{ Event.ContactId }}",
            Description = "The contact's id; by default the event's contact.",
        };

    /// <summary>The tracked contact the property names (deleted contacts are not found), or null after logging why.</summary>
    public static async Task<Contact?> FindContactAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var raw = (await context.GetTextAsync(ContactProperty, ct)).Trim();
        // Tracked first: an earlier activity of the same run may have changed it (the run saves once, at its end).
        var contact = !Guid.TryParse(raw, out var id) ? null
            : context.Db.Set<Contact>().Local.FirstOrDefault(c => c.Id == id && c.DeletedAt == null) ?? await context.Db.Set<Contact>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null)
        {
            context.Log($"No contact '{raw}'.");
        }
        return contact;
    }

    public static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}
