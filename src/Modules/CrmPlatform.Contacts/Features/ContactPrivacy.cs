using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Auditing;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Contacts.Features;

/// <summary>
/// Data-subject requests about one contact: export everything held about them (a JSON document with a section per
/// module) and erase them (personal fields anonymised, free text blanked, attachments and social links removed, audit
/// history of the touched rows blanked) while the rows that counts and reports are made of stay. Both are audited
/// (actions <c>exported</c> and <c>erased</c>, without personal data). Every <see cref="IContactDataParticipant"/>
/// takes part inside one transaction.
/// </summary>
public sealed class ContactPrivacy(CrmDbContext db, ContactAccess access, IEnumerable<IContactDataParticipant> participants, IFileStore files, TimeProvider clock, ILogger<ContactPrivacy> logger)
{
    public const string ErasedName = "Erased contact";

    public async Task<Result<JsonObject>> ExportAsync(Guid contactId, CancellationToken ct)
    {
        var contact = await (await access.VisibleAsync(includeDeleted: true, ct)).AsNoTracking()
            .Where(c => c.Id == contactId).Select(ContactDto.Projection).FirstOrDefaultAsync(ct);
        if (contact is null)
        {
            return Result<JsonObject>.NotFound();
        }
        var json = PersonalDataScrubber.ExportJson;
        var document = new JsonObject
        {
            ["exportedAt"] = clock.GetUtcNow().UtcDateTime,
            ["contact"] = JsonSerializer.SerializeToNode(contact, json),
            ["notes"] = JsonSerializer.SerializeToNode(await db.Set<ContactNote>().AsNoTracking().Where(n => n.ContactId == contactId).OrderBy(n => n.CreatedAt)
                .Select(n => new { n.Id, n.Content, n.AttachmentName, n.CreatedById, n.CreatedAt, n.UpdatedAt }).ToListAsync(ct), json),
            ["activities"] = JsonSerializer.SerializeToNode(await db.Set<ContactActivity>().AsNoTracking().Where(a => a.ContactId == contactId).OrderBy(a => a.CreatedAt)
                .Select(a => new { a.Id, a.Type, a.Title, a.Description, a.ScheduledAt, a.IsCompleted, a.CreatedById, a.CreatedAt, a.UpdatedAt }).ToListAsync(ct), json),
            ["socialLinks"] = JsonSerializer.SerializeToNode(await db.Set<ContactSocialLink>().AsNoTracking().Where(l => l.ContactId == contactId)
                .Select(l => new { l.Id, l.Platform, l.Url, l.Username, l.CreatedAt }).ToListAsync(ct), json),
        };
        foreach (var participant in participants.OrderBy(p => p.Section, StringComparer.Ordinal))
        {
            document[participant.Section] = await participant.ExportAsync(db, contactId, ct);
        }
        db.AuditLog.Add(Audit(contactId, "exported", new { sections = document.Select(p => p.Key).ToList() }));
        await db.SaveChangesAsync(ct);
        return Result<JsonObject>.Ok(document);
    }

    public async Task<Result<bool>> EraseAsync(Guid contactId, CancellationToken ct)
    {
        var contact = await (await access.VisibleAsync(includeDeleted: true, ct)).AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null)
        {
            return Result<bool>.NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var attachments = new List<string>();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // Set-based updates: the change tracker would write the old values into the audit log.
            var suffix = contactId.ToString("N")[^13..];
            await db.Set<Contact>().IgnoreQueryFilters().Where(c => c.Id == contactId).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Name, ErasedName)
                .SetProperty(c => c.NormalizedName, ErasedName.ToLowerInvariant())
                .SetProperty(c => c.EmailId, $"erased-{contactId:N}@erased.invalid")
                .SetProperty(c => c.ContactNo, "erased-" + suffix)
                .SetProperty(c => c.Location, "")
                .SetProperty(c => c.Company, (string?)null)
                .SetProperty(c => c.NormalizedCompany, "")
                .SetProperty(c => c.Designation, (string?)null)
                .SetProperty(c => c.Industry, (string?)null)
                .SetProperty(c => c.Website, (string?)null)
                .SetProperty(c => c.InnerDrives, (string?)null)
                .SetProperty(c => c.Baselines, (string?)null)
                .SetProperty(c => c.Traits, (string?)null)
                .SetProperty(c => c.PersonalityType, (string?)null)
                .SetProperty(c => c.DeletedAt, c => c.DeletedAt ?? now)
                .SetProperty(c => c.UpdatedAt, now), ct);
            var notes = db.Set<ContactNote>().Where(n => n.ContactId == contactId);
            attachments.AddRange(await notes.Where(n => n.AttachmentUrl != null).Select(n => n.AttachmentUrl!).ToListAsync(ct));
            var noteIds = await notes.Select(n => n.Id).ToListAsync(ct);
            await notes.ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Content, PersonalDataScrubber.Erased)
                .SetProperty(n => n.AttachmentUrl, (string?)null)
                .SetProperty(n => n.AttachmentName, (string?)null)
                .SetProperty(n => n.UpdatedAt, now), ct);
            var activities = db.Set<ContactActivity>().Where(a => a.ContactId == contactId);
            var activityIds = await activities.Select(a => a.Id).ToListAsync(ct);
            await activities.ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Title, PersonalDataScrubber.Erased)
                .SetProperty(a => a.Description, (string?)null)
                .SetProperty(a => a.UpdatedAt, now), ct);
            await db.Set<ContactSocialLink>().Where(l => l.ContactId == contactId).ExecuteDeleteAsync(ct);
            await PersonalDataScrubber.ScrubAuditAsync(db, nameof(Contact), [contactId], ct);
            await PersonalDataScrubber.ScrubAuditAsync(db, nameof(ContactNote), noteIds, ct);
            await PersonalDataScrubber.ScrubAuditAsync(db, nameof(ContactActivity), activityIds, ct);
            // Delivered events about the contact carry its name and email; undelivered ones are left to be delivered.
            var id = contactId.ToString();
            await db.Outbox.Where(o => o.ProcessedAt != null && o.Payload.Contains(id)).ExecuteDeleteAsync(ct);
            foreach (var participant in participants)
            {
                attachments.AddRange(await participant.EraseAsync(db, contactId, ct));
            }
            db.AuditLog.Add(Audit(contactId, "erased", new { notes = noteIds.Count, activities = activityIds.Count, attachments = attachments.Count }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        // Files go after the commit: a rollback must not leave notes pointing at deleted files.
        foreach (var key in attachments)
        {
            try
            {
                await files.DeleteAsync(key, ct);
            }
            catch (IOException ex)
            {
                logger.LogError(ex, "Could not delete attachment {Key} of erased contact {ContactId}.", key, contactId);
            }
        }
        return Result<bool>.Ok(true);
    }

    private AuditEntry Audit(Guid contactId, string action, object details) => new()
    {
        At = clock.GetUtcNow().UtcDateTime,
        UserId = access.UserId,
        EntityType = nameof(Contact),
        EntityId = contactId.ToString(),
        Action = action,
        Changes = JsonSerializer.Serialize(details),
    };
}
