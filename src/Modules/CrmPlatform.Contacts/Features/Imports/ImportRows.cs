using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features.Imports;

public enum RowOutcome
{
    Create,
    Update,
    Skip,
    Reject,
}

/// <summary>What one CSV record does: the contact it creates or updates (not yet saved), or why it is skipped or rejected.</summary>
public sealed record RowDecision(RowOutcome Outcome, Contact? Contact, string? Reason, IReadOnlyList<string> ChangedFields);

/// <summary>
/// Decides each record of a batch with the contact form's own rules (<see cref="ContactInput"/> attributes,
/// <see cref="ContactFieldRules"/>) and the duplicate policy. Contacts already holding a batch's emails or phones are
/// read once per batch; contacts created earlier in the batch count as existing, so a file that repeats a row behaves
/// like a re-run of that row.
/// </summary>
public sealed class ImportRows(CrmDbContext db, ContactFieldRules rules)
{
    private readonly Dictionary<string, Contact> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Contact> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _phones = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, Guid> _categories = new Dictionary<string, Guid>();
    private string _region = "US";

    /// <summary>Reads the default phone region and the active categories (call before <see cref="BeginAsync"/> and <see cref="Categories"/>).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        _region = await rules.DefaultRegionAsync(ct);
        _categories = await db.Set<ContactCategory>().AsNoTracking().Where(c => c.IsActive)
            .Select(c => new { c.Name, c.Id }).ToDictionaryAsync(c => c.Name.Trim().ToLowerInvariant(), c => c.Id, ct);
    }

    /// <summary>Starts a batch: reads the contacts that already hold any of its emails or phones.</summary>
    public async Task BeginAsync(IEnumerable<(ContactInput Input, Dictionary<string, string[]> Errors)> rows, CancellationToken ct)
    {
        _byEmail.Clear();
        _byPhone.Clear();
        _phones.Clear();
        var emails = new List<string>();
        var phones = new List<string>();
        foreach (var (input, _) in rows)
        {
            if (!string.IsNullOrWhiteSpace(input.EmailId))
            {
                emails.Add(ContactRules.NormalizeEmail(input.EmailId));
            }
            if (Phone(input.ContactNo) is { Length: > 0 } phone)
            {
                phones.Add(phone);
            }
        }
        // Two queries, not one with OR: each IN list then probes its unique index (an OR of two IN lists scans the table).
        var existing = await db.Set<Contact>().IgnoreQueryFilters().Where(c => emails.Contains(c.EmailId)).ToListAsync(ct);
        existing.AddRange(await db.Set<Contact>().IgnoreQueryFilters().Where(c => phones.Contains(c.ContactNo)).ToListAsync(ct));
        foreach (var contact in existing)
        {
            _byEmail[contact.EmailId] = contact;
            _byPhone[contact.ContactNo] = contact;
        }
    }

    public IReadOnlyDictionary<string, Guid> Categories => _categories;

    public async Task<RowDecision> DecideAsync(ContactInput input, Dictionary<string, string[]> parseErrors, DuplicatePolicy policy, Guid? userId, CancellationToken ct)
    {
        if (parseErrors.Count > 0)
        {
            return Reject(parseErrors);
        }
        var email = string.IsNullOrWhiteSpace(input.EmailId) ? "" : ContactRules.NormalizeEmail(input.EmailId);
        var phone = Phone(input.ContactNo);
        var existing = (email.Length > 0 ? _byEmail.GetValueOrDefault(email) : null) ?? (phone.Length > 0 ? _byPhone.GetValueOrDefault(phone) : null);
        if (existing is not null && policy != DuplicatePolicy.Update)
        {
            return policy == DuplicatePolicy.Skip
                ? new RowDecision(RowOutcome.Skip, existing, "A contact with this email or phone already exists.", [])
                : new RowDecision(RowOutcome.Reject, existing, $"Duplicate: {existing.Name} ({ContactRules.PageUrl(existing.Id)}) already has this email address or phone number.", []);
        }
        if (existing?.DeletedAt is not null)
        {
            return new RowDecision(RowOutcome.Reject, existing, $"The email or phone belongs to the deleted contact {existing.Name}; restore it first ({ContactRules.PageUrl(existing.Id)}).", []);
        }
        if (existing is null && phone.Length > 0 && RequestValidator.Validate(input).Count == 0)
        {
            // The fast path of a valid new row: the batch lookup above already proved that no contact holds its email or
            // phone, and categories come from the active ones, so PrepareAsync's queries would only repeat it. Rows that
            // fail take PrepareAsync below, so their messages are the contact form's own.
            var fresh = new Contact { CreatedById = userId };
            ContactFieldRules.Apply(new PreparedContact(input, email, phone), fresh);
            Remember(fresh);
            return new RowDecision(RowOutcome.Create, fresh, null, []);
        }
        var prepared = await rules.PrepareAsync(input, existing, ct);
        if (!prepared.Succeeded)
        {
            return Reject(prepared.Errors);
        }
        if (existing is null)
        {
            var created = new Contact { CreatedById = userId };
            ContactFieldRules.Apply(prepared.Value!, created);
            Remember(created);
            return new RowDecision(RowOutcome.Create, created, null, []);
        }
        var before = ContactInput.From(existing);
        ContactFieldRules.Apply(prepared.Value!, existing);
        var after = ContactInput.From(existing);
        var changed = typeof(ContactInput).GetProperties().Where(f => !Equals(f.GetValue(before), f.GetValue(after))).Select(f => f.Name).ToList();
        Remember(existing);
        return new RowDecision(changed.Count == 0 ? RowOutcome.Skip : RowOutcome.Update, existing, changed.Count == 0 ? "Already up to date." : null, changed);
    }

    /// <summary>E.164 or "" (parsed once per batch: libphonenumber is the costliest step of a row).</summary>
    private string Phone(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return "";
        }
        if (!_phones.TryGetValue(raw, out var e164))
        {
            _phones[raw] = e164 = ContactRules.TryNormalizePhone(raw, _region, out var parsed) ? parsed : "";
        }
        return e164;
    }

    private void Remember(Contact contact)
    {
        _byEmail[contact.EmailId] = contact;
        _byPhone[contact.ContactNo] = contact;
    }

    private static RowDecision Reject(IReadOnlyDictionary<string, string[]> errors) =>
        new(RowOutcome.Reject, null, string.Join(" ", errors.Select(e => $"{Label(e.Key)}: {string.Join(" ", e.Value)}")), []);

    private static string Label(string field) => field switch
    {
        nameof(ContactInput.EmailId) => "Email",
        nameof(ContactInput.ContactNo) => "Phone",
        nameof(ContactInput.CategoryId) => "Category",
        _ => field,
    };
}
