using CrmPlatform.Assessments.Data;
using CrmPlatform.Contacts;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Features;

/// <summary>
/// INTERIM: writes an assessment result onto the contact (personality type, traits, inner drives, baselines) until the
/// Workflows module's default workflow "assessment submitted → update the contact's profile" replaces it; remove this
/// registration then. Idempotent and order-safe under at-least-once delivery: it copies the values stored on the
/// contact's latest response (not the event's), only when the event is about that response, and leaves a field alone
/// when the response has no value for it (a sales test does not erase a DISC type).
/// </summary>
internal sealed class InterimContactProfileHandler(CrmDbContext db)
    : IDomainEventHandler<AssessmentSubmitted>, IDomainEventHandler<AssessmentGraded>
{
    public Task HandleAsync(AssessmentSubmitted domainEvent, DomainEventContext context, CancellationToken ct) =>
        ApplyAsync(domainEvent.ContactId, domainEvent.ResponseId, ct);

    public Task HandleAsync(AssessmentGraded domainEvent, DomainEventContext context, CancellationToken ct) =>
        ApplyAsync(domainEvent.ContactId, domainEvent.ResponseId, ct);

    private async Task ApplyAsync(Guid contactId, Guid responseId, CancellationToken ct)
    {
        var latest = await db.Set<AssessmentResponse>().AsNoTracking()
            .Where(r => r.ContactId == contactId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
        // A merge may have moved the response: then it is the surviving contact's profile to refresh.
        if (latest is null || latest.Id != responseId)
        {
            var moved = await db.Set<AssessmentResponse>().AsNoTracking().Where(r => r.Id == responseId).Select(r => (Guid?)r.ContactId).FirstOrDefaultAsync(ct);
            if (moved is not { } survivor || survivor == contactId)
            {
                return;
            }
            await ApplyAsync(survivor, responseId, ct);
            return;
        }
        var contact = await db.Set<Contact>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null)
        {
            return;
        }
        var changed = new List<string>();
        Set(contact.PersonalityType, latest.PersonalityType, v => contact.PersonalityType = v, nameof(Contact.PersonalityType), changed);
        Set(contact.Traits, latest.Traits, v => contact.Traits = v, nameof(Contact.Traits), changed);
        Set(contact.InnerDrives, latest.InnerDrives, v => contact.InnerDrives = v, nameof(Contact.InnerDrives), changed);
        Set(contact.Baselines, latest.Baselines, v => contact.Baselines = v, nameof(Contact.Baselines), changed);
        if (changed.Count == 0)
        {
            return;
        }
        db.Raise(new ContactUpdated(contact.Id, contact.Name, contact.EmailId, changed, null));
        await db.SaveChangesAsync(ct);
    }

    private static void Set(string? current, string? value, Action<string> assign, string field, List<string> changed)
    {
        if (string.IsNullOrWhiteSpace(value) || value == current)
        {
            return;
        }
        assign(value.Length > Contact.ProfileMaxLength ? value[..Contact.ProfileMaxLength] : value);
        changed.Add(field);
    }
}
