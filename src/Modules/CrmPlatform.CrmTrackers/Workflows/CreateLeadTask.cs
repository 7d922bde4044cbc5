using CrmPlatform.Contacts.Data;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.CrmTrackers.Features;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Workflows;

/// <summary>Creates a lead in a tracker for a contact, with the same rules and events as the lead form.</summary>
internal sealed class CreateLeadTask : IWorkflowTask
{
    public const string Name = "CreateLead";

    public ActivityDescriptor Descriptor { get; } = new(Name, "Create lead", "CRM trackers", CrmTrackersModule.ModuleId, ActivityKind.Task)
    {
        Description = "Creates a lead in a tracker for a contact (the new id is in Variables.LeadId). Outcomes: Done, NotFound (no such contact), UserNotFound (assignee).",
        Properties =
        [
            new("Tracker", "Tracker (name or id)", ActivityPropertyType.Liquid, Required: true) { Description = "An active tracker whose required custom fields have no value to ask for." },
            new("Title", "Title", ActivityPropertyType.Liquid, Required: true) { Description = "e.g. {{ Event.Name }} — follow-up" },
            new("ContactId", "Contact id", ActivityPropertyType.Liquid, Required: true) { Default = "{{ Event.ContactId }}", Description = "By default the event's contact; or e.g. {{ Variables.contactId }}." },
            LeadTaskSupport.StatusProperty(required: true, "new"),
            new("Description", "Description", ActivityPropertyType.Liquid),
            new("AssignTo", "Assign to (email or id)", ActivityPropertyType.Liquid) { Description = "Empty: unassigned." },
        ],
        Outcomes = ["Done", LeadTaskSupport.NotFound, LeadTaskSupport.UserNotFound],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var db = context.Db;
        var trackerName = (await context.GetTextAsync("Tracker", ct)).Trim();
        var tracker = await LeadTaskSupport.FindTrackerAsync(db, trackerName, ct);
        if (tracker is null || !tracker.IsActive)
        {
            throw new InvalidOperationException(tracker is null ? $"There is no tracker '{trackerName}'." : $"The tracker '{tracker.Name}' is inactive.");
        }
        var rawContact = (await context.GetTextAsync("ContactId", ct)).Trim();
        if (!Guid.TryParse(rawContact, out var contactId) || !await db.Set<Contact>().AnyAsync(c => c.Id == contactId, ct))
        {
            context.Log($"No contact '{rawContact}'.");
            return ActivityResult.Outcome(LeadTaskSupport.NotFound);
        }
        Guid? assignee = null;
        var who = (await context.GetTextAsync("AssignTo", ct)).Trim();
        if (who.Length > 0 && (assignee = await WorkflowTaskValues.FindUserIdAsync(db, who, assignableOnly: true, ct)) is null)
        {
            context.Log($"No active admin, staff or partner user '{who}'.");
            return ActivityResult.Outcome(LeadTaskSupport.UserNotFound);
        }
        var title = (await context.GetTextAsync("Title", ct)).Trim();
        if (title.Length == 0)
        {
            throw new InvalidOperationException("The title is empty once rendered.");
        }
        var errors = new Dictionary<string, string[]>();
        var values = FieldValueBinder.Resolve([.. tracker.Fields.OrderBy(f => f.SortOrder)], null, new Dictionary<Guid, string?>(), "", errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"The tracker '{tracker.Name}' has required fields a workflow cannot fill: {string.Join(" ", errors.Values.SelectMany(v => v))}");
        }
        var description = (await context.GetTextAsync("Description", ct)).Trim();
        var lead = new Lead
        {
            TrackerId = tracker.Id,
            ContactId = contactId,
            Title = title.Length > Lead.TitleMaxLength ? title[..Lead.TitleMaxLength] : title,
            Description = description.Length == 0 ? null : description.Length > Lead.DescriptionMaxLength ? description[..Lead.DescriptionMaxLength] : description,
            Status = EnumNames.TryParse<LeadStatus>(context.GetRaw("Status"), out var status) ? status : LeadStatus.New,
            AssignedToId = assignee,
        };
        lead.Normalize();
        db.Leads().Add(lead);
        await FieldValueBinder.ApplyAsync(db, lead, values, ct);
        db.Raise(new LeadCreated(lead.Id, lead.TrackerId, lead.ContactId, lead.Title, lead.Status, lead.EstimatedValue, lead.AssignedToId, null));
        if (assignee is not null)
        {
            db.Raise(new LeadAssigned(lead.Id, lead.TrackerId, lead.ContactId, null, assignee, null));
        }
        context.Variables["LeadId"] = lead.Id.ToString();
        context.Log($"Lead '{lead.Title}' created in {tracker.Name}.");
        return ActivityResult.Done();
    }

    public async Task<IReadOnlyList<(string Property, string Message)>> ValidateAsync(IReadOnlyDictionary<string, string> properties, CrmDbContext db, CancellationToken ct)
    {
        var errors = new List<(string, string)>();
        var name = properties.GetValueOrDefault("Tracker")?.Trim();
        if (!string.IsNullOrEmpty(name) && !WorkflowTaskValues.IsTemplate(name))
        {
            var tracker = await LeadTaskSupport.FindTrackerAsync(db, name, ct);
            if (tracker is null || !tracker.IsActive)
            {
                errors.Add(("Tracker", tracker is null ? $"There is no tracker '{name}'." : $"The tracker '{tracker.Name}' is inactive."));
            }
            else if (tracker.Fields.Where(f => f.IsRequired).Select(f => f.Label).ToList() is { Count: > 0 } required)
            {
                errors.Add(("Tracker", $"The tracker '{tracker.Name}' has required fields a workflow cannot fill ({string.Join(", ", required)})."));
            }
        }
        errors.AddRange(await LeadTaskSupport.CheckUserAsync(properties, "AssignTo", db, ct));
        return errors;
    }
}
