using CrmPlatform.Assessments.Data;
using CrmPlatform.Contacts;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Workflows;

/// <summary>
/// Writes an assessment result onto the contact (personality type, traits, inner drives, baselines); the setup recipe's
/// default workflow runs it on <see cref="AssessmentSubmitted"/> and <see cref="AssessmentGraded"/>. Idempotent and
/// order-safe under at-least-once delivery: it copies the values stored on the contact's latest response (not the
/// event's), only when the response named is that one, and leaves a field alone when the response has no value for it
/// (a sales test does not erase a DISC type). A response moved by a contact merge refreshes the surviving contact.
/// </summary>
internal sealed class UpdateContactProfileTask : IWorkflowTask
{
    public const string Name = "UpdateContactProfile";

    public ActivityDescriptor Descriptor { get; } = new(Name, "Update contact profile from an assessment result", "Assessments", AssessmentsModule.ModuleId, ActivityKind.Task)
    {
        Description = "Copies the personality type, traits, inner drives and baselines of an assessment response onto its contact. "
            + "Outcomes: Done (the profile changed), Unchanged (nothing new, or a newer response exists), NotFound (no such response).",
        Properties =
        [
            new("ResponseId", "Response id", ActivityPropertyType.Liquid, Required: true)
            {
                Default = "{{ Event.ResponseId }}",
                Description = "The assessment response whose result is copied; by default the event's (Assessment submitted or graded).",
            },
        ],
        Outcomes = ["Done", "Unchanged", "NotFound"],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var raw = (await context.GetTextAsync("ResponseId", ct)).Trim();
        var response = Guid.TryParse(raw, out var responseId)
            ? await context.Db.Set<AssessmentResponse>().AsNoTracking().Where(r => r.Id == responseId).Select(r => new { r.Id, r.ContactId }).FirstOrDefaultAsync(ct)
            : null;
        if (response is null)
        {
            context.Log($"No assessment response '{raw}'.");
            return ActivityResult.Outcome("NotFound");
        }
        // The response's current contact: a merge may have moved it since the event was raised.
        var latest = await context.Db.Set<AssessmentResponse>().AsNoTracking()
            .Where(r => r.ContactId == response.ContactId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .FirstAsync(ct);
        if (latest.Id != response.Id)
        {
            context.Log("A newer response of the contact sets the profile.");
            return ActivityResult.Outcome("Unchanged");
        }
        var contact = await context.Db.Set<Contact>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == response.ContactId, ct);
        if (contact is null)
        {
            return ActivityResult.Outcome("NotFound");
        }
        var changed = new List<string>();
        Set(contact.PersonalityType, latest.PersonalityType, Contact.IndustryMaxLength, v => contact.PersonalityType = v, nameof(Contact.PersonalityType), changed);
        Set(contact.Traits, latest.Traits, Contact.ProfileMaxLength, v => contact.Traits = v, nameof(Contact.Traits), changed);
        Set(contact.InnerDrives, latest.InnerDrives, Contact.ProfileMaxLength, v => contact.InnerDrives = v, nameof(Contact.InnerDrives), changed);
        Set(contact.Baselines, latest.Baselines, Contact.ProfileMaxLength, v => contact.Baselines = v, nameof(Contact.Baselines), changed);
        if (changed.Count == 0)
        {
            return ActivityResult.Outcome("Unchanged");
        }
        context.Db.Raise(new ContactUpdated(contact.Id, contact.Name, contact.EmailId, changed, null));
        context.Log($"Updated {string.Join(", ", changed)} of {contact.Name}.");
        return ActivityResult.Done();
    }

    private static void Set(string? current, string? value, int max, Action<string> assign, string field, List<string> changed)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        var next = value.Length > max ? value[..max] : value;
        if (next == current)
        {
            return;
        }
        assign(next);
        changed.Add(field);
    }
}
