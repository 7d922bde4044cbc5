using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features;

/// <summary>A <see cref="ContactInput"/> that passed every rule, with email and phone normalised.</summary>
public sealed record PreparedContact(ContactInput Input, string Email, string Phone);

/// <summary>
/// Validates a contact's input against the rules that need the database: phone in the default region, unique email and
/// phone (deleted contacts included; the message links to the holder), an existing category. Shared by the form, the
/// API, the recipe step and the CSV import.
/// </summary>
public sealed class ContactFieldRules(CrmDbContext db, SiteSettingsService settings)
{
    public async Task<string> DefaultRegionAsync(CancellationToken ct) =>
        (await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, ct)).DefaultPhoneRegion;

    /// <param name="existing">The contact being edited (its own email/phone are not duplicates; its current category may be inactive).</param>
    public async Task<Result<PreparedContact>> PrepareAsync(ContactInput input, Contact? existing, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(input);
        var email = string.IsNullOrWhiteSpace(input.EmailId) ? "" : ContactRules.NormalizeEmail(input.EmailId);
        var phone = "";
        if (!string.IsNullOrWhiteSpace(input.ContactNo) && !errors.ContainsKey(nameof(ContactInput.ContactNo)))
        {
            var region = await DefaultRegionAsync(ct);
            if (!ContactRules.TryNormalizePhone(input.ContactNo, region, out phone))
            {
                errors[nameof(ContactInput.ContactNo)] = [$"'{input.ContactNo.Trim()}' is not a valid phone number. Include the country code (e.g. +44 20 7946 0958); numbers without one are read as {region} numbers."];
            }
        }
        if (input.CategoryId is { } categoryId && categoryId != existing?.CategoryId)
        {
            var category = await db.Set<ContactCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, ct);
            if (category is null || !category.IsActive)
            {
                errors[nameof(ContactInput.CategoryId)] = [category is null ? "Choose a category from the list." : $"The category '{category.Name}' is inactive; choose another."];
            }
        }
        if (errors.Count > 0)
        {
            return Result<PreparedContact>.Invalid(errors);
        }
        var duplicates = await DuplicateErrorsAsync(email, phone, existing?.Id, ct);
        return duplicates.Count > 0
            ? Result<PreparedContact>.Invalid(duplicates)
            : Result<PreparedContact>.Ok(new PreparedContact(input, email, phone));
    }

    /// <summary>Field messages naming (and linking to) the contacts that already hold the email or phone.</summary>
    public async Task<Dictionary<string, string[]>> DuplicateErrorsAsync(string email, string phone, Guid? exceptId, CancellationToken ct)
    {
        var holders = await db.Set<Contact>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => (c.EmailId == email || c.ContactNo == phone) && c.Id != exceptId)
            .Select(c => new { c.Id, c.Name, c.EmailId, c.ContactNo, c.DeletedAt })
            .Take(2)
            .ToListAsync(ct);
        var errors = new Dictionary<string, string[]>();
        foreach (var holder in holders)
        {
            var who = holder.DeletedAt is null
                ? $"{holder.Name} ({ContactRules.PageUrl(holder.Id)})"
                : $"the deleted contact {holder.Name}; restore it instead ({ContactRules.PageUrl(holder.Id)})";
            if (holder.EmailId == email)
            {
                errors[nameof(ContactInput.EmailId)] = [$"This email address is already used by {who}."];
            }
            if (holder.ContactNo == phone)
            {
                errors[nameof(ContactInput.ContactNo)] = [$"This phone number is already used by {who}."];
            }
        }
        return errors;
    }

    /// <summary>Copies prepared values onto the entity (the profile fields are not touched).</summary>
    public static void Apply(PreparedContact prepared, Contact contact)
    {
        var input = prepared.Input;
        contact.Name = input.Name!.Trim();
        contact.EmailId = prepared.Email;
        contact.ContactNo = prepared.Phone;
        contact.Location = input.Location!.Trim();
        contact.Type = input.Type!.Value;
        contact.Company = Clean(input.Company);
        contact.Designation = Clean(input.Designation);
        contact.Industry = Clean(input.Industry);
        contact.Website = Clean(input.Website);
        contact.CategoryId = input.CategoryId;
        contact.Normalize();
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Whether a save failed on a unique index (a concurrent writer took the value between check and save).</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException?.Message is { } message
        && (message.Contains("UNIQUE constraint failed", StringComparison.Ordinal) || message.Contains("23505", StringComparison.Ordinal));
}
