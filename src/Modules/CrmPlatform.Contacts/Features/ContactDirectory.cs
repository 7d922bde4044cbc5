using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features;

/// <summary>
/// Public forms' contact lookup: the contact with the normalised email, else the one with the E.164 phone, else a new
/// contact added to the caller's context (saved with the submission or not at all). A match may be a soft-deleted
/// contact: the submission is kept with it, and restoring the contact shows it again.
/// </summary>
internal sealed class ContactDirectory(SiteSettingsService settings) : IContactDirectory
{
    private const ContactType DefaultType = ContactType.Employee;

    public async Task<ContactMatch> FindOrCreateAsync(CrmDbContext db, ContactIdentity identity, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(identity.Email) || identity.Email.Length > Contact.EmailMaxLength || !ContactRules.IsEmail(identity.Email))
        {
            errors[nameof(ContactIdentity.Email)] = ["Enter an email address such as name@example.com."];
        }
        var phone = "";
        if (!string.IsNullOrWhiteSpace(identity.Phone))
        {
            var region = (await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, ct)).DefaultPhoneRegion;
            if (identity.Phone.Length > 32 || !ContactRules.TryNormalizePhone(identity.Phone, region, out phone))
            {
                errors[nameof(ContactIdentity.Phone)] = ["Enter a valid phone number, with the country code (e.g. +44 20 7946 0958)."];
            }
        }
        if (errors.Count > 0)
        {
            return new ContactMatch(Guid.Empty, false, errors);
        }
        var email = ContactRules.NormalizeEmail(identity.Email);
        var contacts = db.Set<Contact>();
        var found = contacts.Local.FirstOrDefault(c => c.EmailId == email)?.Id
            ?? await contacts.IgnoreQueryFilters().Where(c => c.EmailId == email).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (found is null && phone.Length > 0)
        {
            found = contacts.Local.FirstOrDefault(c => c.ContactNo == phone)?.Id
                ?? await contacts.IgnoreQueryFilters().Where(c => c.ContactNo == phone).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        }
        if (found is { } id)
        {
            return new ContactMatch(id, false, new Dictionary<string, string[]>());
        }
        if (phone.Length == 0)
        {
            errors[nameof(ContactIdentity.Phone)] = ["Enter a phone number: it is needed to create your contact record."];
        }
        if (string.IsNullOrWhiteSpace(identity.Name) || identity.Name.Trim().Length > Contact.NameMaxLength)
        {
            errors[nameof(ContactIdentity.Name)] = [$"Enter a name of at most {Contact.NameMaxLength} characters."];
        }
        if (errors.Count > 0)
        {
            return new ContactMatch(Guid.Empty, false, errors);
        }
        var categoryId = identity.CategoryId is { } cid && await db.Set<ContactCategory>().AnyAsync(c => c.Id == cid && c.IsActive, ct) ? cid : (Guid?)null;
        var location = identity.Location?.Trim();
        var contact = new Contact
        {
            Name = identity.Name.Trim(),
            EmailId = email,
            ContactNo = phone,
            Location = string.IsNullOrEmpty(location) ? "Not given" : location[..Math.Min(location.Length, Contact.TextMaxLength)],
            Type = DefaultType,
            CategoryId = categoryId,
        };
        contact.Normalize();
        contacts.Add(contact);
        db.Raise(new ContactCreated(contact.Id, contact.Name, contact.EmailId, contact.ContactNo, EnumNames.ToSnake(contact.Type), null, categoryId, null));
        return new ContactMatch(contact.Id, true, new Dictionary<string, string[]>());
    }
}
