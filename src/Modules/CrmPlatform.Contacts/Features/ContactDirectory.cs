using System.ComponentModel.DataAnnotations;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Settings;
using Microsoft.EntityFrameworkCore;
using PhoneNumbers;

namespace CrmPlatform.Contacts.Features;

/// <summary>
/// The public-form rule: a visitor is the contact with the same normalised email, else the one with the same E.164
/// phone, else a new contact added to the caller's context (saved with the submission, or not at all). Deleted contacts
/// match too: the unique indexes cover them (docs/decisions/0003), so the submission joins the deleted contact and can
/// be seen once it is restored. A new contact needs a phone, because <c>contactNo</c> is unique and required.
/// </summary>
internal sealed class ContactDirectory(SiteSettingsService settings) : IContactDirectory
{
    private static readonly EmailAddressAttribute EmailFormat = new();

    public async Task<ContactMatch> FindOrCreateAsync(CrmDbContext db, ContactIdentity identity, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var email = (identity.Email ?? "").Trim().ToLowerInvariant();
        if (email.Length == 0 || email.Length > Contact.EmailMaxLength || !EmailFormat.IsValid(email))
        {
            errors[nameof(ContactIdentity.Email)] = ["Enter a valid email address."];
        }
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(identity.Phone))
        {
            var region = (await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, ct)).DefaultPhoneRegion;
            phone = ToE164(identity.Phone, region);
            if (phone is null)
            {
                errors[nameof(ContactIdentity.Phone)] = ["Enter a valid phone number (with the country code if it is not from here)."];
            }
        }
        if (errors.Count > 0)
        {
            return new ContactMatch(Guid.Empty, false, errors);
        }
        var contacts = db.Set<Contact>().IgnoreQueryFilters();
        var found = await contacts.Where(c => c.EmailId == email).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (found is null && phone is not null)
        {
            found = await contacts.Where(c => c.ContactNo == phone).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        }
        if (found is { } id)
        {
            return new ContactMatch(id, false, errors);
        }
        var name = (identity.Name ?? "").Trim();
        if (name.Length == 0 || name.Length > Contact.NameMaxLength)
        {
            errors[nameof(ContactIdentity.Name)] = [$"Enter your name (at most {Contact.NameMaxLength} characters)."];
        }
        if (phone is null)
        {
            errors[nameof(ContactIdentity.Phone)] = ["Enter your phone number: we need it to register you."];
        }
        if (errors.Count > 0)
        {
            return new ContactMatch(Guid.Empty, false, errors);
        }
        var contact = new Contact
        {
            Name = name,
            EmailId = email,
            ContactNo = phone!,
            Location = (identity.Location ?? "").Trim(),
            Type = ContactType.Employee,
            CategoryId = identity.CategoryId,
        };
        contact.Normalize();
        db.Add(contact);
        db.Raise(new ContactCreated(contact.Id, contact.Name, contact.EmailId, contact.ContactNo, contact.Type, null, contact.CategoryId, null));
        return new ContactMatch(contact.Id, true, errors);
    }

    internal static string? ToE164(string raw, string region)
    {
        try
        {
            var util = PhoneNumberUtil.GetInstance();
            var number = util.Parse(raw.Trim(), region);
            return util.IsValidNumber(number) ? util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
