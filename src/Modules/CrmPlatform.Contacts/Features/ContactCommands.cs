using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features;

/// <summary>Create, edit, soft-delete and restore contacts; events are written to the outbox in the same save.</summary>
public sealed class ContactCommands(CrmDbContext db, ContactAccess access, ContactFieldRules rules, ContactQuery query, TimeProvider clock)
{
    private static readonly HashSet<string> InternalFields = [nameof(Contact.NormalizedName), nameof(Contact.NormalizedCompany), nameof(Contact.UpdatedAt)];

    public async Task<Result<ContactDto>> CreateAsync(ContactInput input, CancellationToken ct)
    {
        var prepared = await rules.PrepareAsync(input, null, ct);
        if (!prepared.Succeeded)
        {
            return Result<ContactDto>.Invalid(prepared.Errors);
        }
        var contact = new Contact { CreatedById = access.UserId };
        ContactFieldRules.Apply(prepared.Value!, contact);
        db.Add(contact);
        db.Raise(new ContactCreated(contact.Id, contact.Name, contact.EmailId, contact.ContactNo, EnumNames.ToSnake(contact.Type), contact.Company, contact.CategoryId, contact.CreatedById));
        return await SaveAsync(contact.Id, ct);
    }

    public async Task<Result<ContactDto>> UpdateAsync(Guid id, ContactInput input, CancellationToken ct)
    {
        var contact = await access.FindAsync(id, ct: ct);
        if (contact is null)
        {
            return Result<ContactDto>.NotFound();
        }
        var prepared = await rules.PrepareAsync(input, contact, ct);
        if (!prepared.Succeeded)
        {
            return Result<ContactDto>.Invalid(prepared.Errors);
        }
        ContactFieldRules.Apply(prepared.Value!, contact);
        db.ChangeTracker.DetectChanges();
        var changed = db.Entry(contact).Properties
            .Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && !InternalFields.Contains(p.Metadata.Name))
            .Select(p => p.Metadata.Name)
            .ToList();
        if (changed.Count > 0)
        {
            db.Raise(new ContactUpdated(contact.Id, contact.Name, contact.EmailId, changed, access.UserId));
        }
        return await SaveAsync(contact.Id, ct);
    }

    public async Task<Result<ContactDto>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var contact = await access.FindAsync(id, ct: ct);
        if (contact is null)
        {
            return Result<ContactDto>.NotFound();
        }
        contact.DeletedAt = clock.GetUtcNow().UtcDateTime;
        db.Raise(new ContactDeleted(contact.Id, contact.Name, contact.EmailId, access.UserId));
        await db.SaveChangesAsync(ct);
        return Result<ContactDto>.Ok((await query.GetAsync(id, includeDeleted: true, ct))!);
    }

    public async Task<Result<ContactDto>> RestoreAsync(Guid id, CancellationToken ct)
    {
        var contact = await access.FindAsync(id, includeDeleted: true, ct);
        if (contact is null)
        {
            return Result<ContactDto>.NotFound();
        }
        if (contact.DeletedAt is not null)
        {
            contact.DeletedAt = null;
            db.Raise(new ContactUpdated(contact.Id, contact.Name, contact.EmailId, [nameof(Contact.DeletedAt)], access.UserId));
            await db.SaveChangesAsync(ct);
        }
        return Result<ContactDto>.Ok((await query.GetAsync(id, includeDeleted: false, ct))!);
    }

    /// <summary>Every rule's messages without saving (a form with values that did not bind shows them all at once).</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(Guid? id, ContactInput input, CancellationToken ct)
    {
        var existing = id is null ? null : await access.FindAsync(id.Value, ct: ct);
        return (await rules.PrepareAsync(input, existing, ct)).Errors;
    }

    private async Task<Result<ContactDto>> SaveAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ContactFieldRules.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return Result<ContactDto>.Conflict(nameof(ContactInput.EmailId), "Another contact with this email address or phone number was saved at the same time. Check the list and try again.");
        }
        return Result<ContactDto>.Ok((await query.GetAsync(id, includeDeleted: false, ct))!);
    }
}
