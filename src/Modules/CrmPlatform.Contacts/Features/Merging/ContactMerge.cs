using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Auditing;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features.Merging;

/// <summary>Merge <see cref="MergeWithId"/> into the contact in the route; <see cref="Fields"/> names the fields whose value is taken from it.</summary>
public sealed record MergeRequest(Guid MergeWithId, IReadOnlyList<string>? Fields);

public sealed record MergePreview(ContactDto Survivor, ContactDto Merged, IReadOnlyList<(string Title, int Survivor, int Merged)> Counts);

/// <summary>
/// Merges two contacts in one transaction: the chosen fields are copied from the merged contact, its notes, activities,
/// social links and every <see cref="IContactMergeParticipant"/>'s rows move to the survivor, and the merged contact is
/// deleted for good (not soft-deleted: its unique email and phone would otherwise stay taken, and the audit entry keeps
/// its values). An audit entry records both ids and the chosen fields; ContactUpdated and ContactDeleted are raised.
/// </summary>
public sealed class ContactMerge(CrmDbContext db, ContactAccess access, ContactFieldRules rules, ContactQuery query, IEnumerable<IContactMergeParticipant> participants)
{
    public static readonly IReadOnlyList<string> MergeableFields =
    [
        nameof(Contact.Name), nameof(Contact.EmailId), nameof(Contact.ContactNo), nameof(Contact.Location), nameof(Contact.Type),
        nameof(Contact.Company), nameof(Contact.Designation), nameof(Contact.Industry), nameof(Contact.Website), nameof(Contact.CategoryId),
        nameof(Contact.InnerDrives), nameof(Contact.Baselines), nameof(Contact.Traits), nameof(Contact.PersonalityType),
    ];

    public async Task<Result<MergePreview>> PreviewAsync(Guid survivorId, Guid mergedId, CancellationToken ct)
    {
        var survivor = await query.GetAsync(survivorId, includeDeleted: false, ct);
        var merged = await query.GetAsync(mergedId, includeDeleted: false, ct);
        if (survivor is null || merged is null || survivorId == mergedId)
        {
            return Result<MergePreview>.NotFound();
        }
        var counts = new List<(string, int, int)>
        {
            ("Notes", await db.Set<ContactNote>().CountAsync(n => n.ContactId == survivorId, ct), await db.Set<ContactNote>().CountAsync(n => n.ContactId == mergedId, ct)),
            ("Activities", await db.Set<ContactActivity>().CountAsync(n => n.ContactId == survivorId, ct), await db.Set<ContactActivity>().CountAsync(n => n.ContactId == mergedId, ct)),
            ("Social links", await db.Set<ContactSocialLink>().CountAsync(n => n.ContactId == survivorId, ct), await db.Set<ContactSocialLink>().CountAsync(n => n.ContactId == mergedId, ct)),
        };
        foreach (var participant in participants)
        {
            counts.Add((participant.Title, await participant.CountAsync(db, survivorId, ct), await participant.CountAsync(db, mergedId, ct)));
        }
        return Result<MergePreview>.Ok(new MergePreview(survivor, merged, counts));
    }

    public async Task<Result<ContactDto>> MergeAsync(Guid survivorId, MergeRequest request, CancellationToken ct)
    {
        var fields = request.Fields ?? [];
        var unknown = fields.Where(f => !MergeableFields.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
        if (survivorId == request.MergeWithId)
        {
            return Result<ContactDto>.Invalid(nameof(MergeRequest.MergeWithId), "Choose two different contacts to merge.");
        }
        if (unknown.Count > 0)
        {
            return Result<ContactDto>.Invalid(nameof(MergeRequest.Fields), $"Unknown field(s): {string.Join(", ", unknown)}. Use: {string.Join(", ", MergeableFields)}.");
        }
        var survivor = await access.FindAsync(survivorId, ct: ct);
        var merged = await access.FindAsync(request.MergeWithId, ct: ct);
        if (survivor is null || merged is null)
        {
            return Result<ContactDto>.NotFound();
        }
        var taken = MergeableFields.Where(f => fields.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<ContactNote>().Where(n => n.ContactId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.ContactId, survivor.Id), ct);
        await db.Set<ContactActivity>().Where(a => a.ContactId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ContactId, survivor.Id), ct);
        await db.Set<ContactSocialLink>().Where(l => l.ContactId == merged.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.ContactId, survivor.Id), ct);
        foreach (var participant in participants)
        {
            await participant.MoveAsync(db, merged.Id, survivor.Id, ct);
        }
        var values = taken.ToDictionary(f => f, f => db.Entry(merged).Property(f).CurrentValue);
        db.AuditLog.Add(new AuditEntry
        {
            At = DateTime.UtcNow,
            UserId = access.UserId,
            EntityType = nameof(Contact),
            EntityId = survivor.Id.ToString(),
            Action = "merged",
            Changes = JsonSerializer.Serialize(new { survivorId = survivor.Id, mergedId = merged.Id, fields = taken, values }),
        });
        db.Raise(new ContactDeleted(merged.Id, merged.Name, merged.EmailId, access.UserId));
        db.Remove(merged);
        // The merged row goes first so that the survivor can take its email or phone without breaking the unique indexes.
        await db.SaveChangesAsync(ct);

        foreach (var field in taken)
        {
            db.Entry(survivor).Property(field).CurrentValue = values[field];
        }
        survivor.Normalize();
        var after = ContactInput.From(survivor);
        var check = await rules.PrepareAsync(after, survivor, ct);
        if (!check.Succeeded && check.Errors.Keys.Any(k => k != nameof(ContactInput.CategoryId)))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return Result<ContactDto>.Invalid(check.Errors);
        }
        var changed = taken.Where(f => !Equals(db.Entry(survivor).Property(f).OriginalValue, db.Entry(survivor).Property(f).CurrentValue)).ToList();
        db.Raise(new ContactUpdated(survivor.Id, survivor.Name, survivor.EmailId, changed, access.UserId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result<ContactDto>.Ok((await query.GetAsync(survivor.Id, includeDeleted: false, ct))!);
    }
}
