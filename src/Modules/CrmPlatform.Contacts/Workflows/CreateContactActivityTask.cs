using System.Globalization;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Workflows;

namespace CrmPlatform.Contacts.Workflows;

/// <summary>
/// Schedules an activity (call, meeting, to-do…) on a contact, due after a duration or at a time, for a user (the
/// activity's owner, whose agenda shows it and who is reminded when it is due).
/// </summary>
internal sealed class CreateContactActivityTask(TimeProvider clock) : IWorkflowTask
{
    public const string Name = "CreateContactActivity";

    public ActivityDescriptor Descriptor { get; } = new(Name, "Create contact activity", "Contacts", ContactsModule.ModuleId, ActivityKind.Task)
    {
        Description = "Adds an activity to a contact, due in a duration or at a time, for a user. Outcomes: Done, NotFound (no such contact), UserNotFound.",
        Properties =
        [
            ContactTaskSupport.ContactIdProperty(),
            new("Type", "Type", ActivityPropertyType.Select, Required: true) { Options = [.. EnumNames.All<ActivityType>()], Default = "todo" },
            new("Title", "Subject", ActivityPropertyType.Liquid, Required: true) { Description = "e.g. Call {{ Event.Name }}" },
            new("Description", "Details", ActivityPropertyType.Liquid),
            new("DueIn", "Due in", ActivityPropertyType.Duration) { Description = "e.g. 2d: due two days after the task runs." },
            new("DueAt", "Due at", ActivityPropertyType.Liquid) { Description = "A date and time (ISO 8601, UTC unless it has an offset), e.g. 2026-12-01T09:00:00Z. Used when Due in is empty." },
            new("AssignedTo", "Assigned user (email or id)", ActivityPropertyType.Liquid) { Description = "Empty: no one." },
        ],
        Outcomes = ["Done", ContactTaskSupport.NotFound, "UserNotFound"],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var contact = await ContactTaskSupport.FindContactAsync(context, ct);
        if (contact is null)
        {
            return ActivityResult.Outcome(ContactTaskSupport.NotFound);
        }
        var title = (await context.GetTextAsync("Title", ct)).Trim();
        if (title.Length == 0)
        {
            throw new InvalidOperationException("The subject is empty once rendered.");
        }
        Guid? owner = null;
        var assignee = (await context.GetTextAsync("AssignedTo", ct)).Trim();
        if (assignee.Length > 0)
        {
            owner = await WorkflowTaskValues.FindUserIdAsync(context.Db, assignee, assignableOnly: true, ct);
            if (owner is null)
            {
                context.Log($"No active admin, staff or partner user '{assignee}'.");
                return ActivityResult.Outcome("UserNotFound");
            }
        }
        var description = (await context.GetTextAsync("Description", ct)).Trim();
        var activity = new ContactActivity
        {
            ContactId = contact.Id,
            Type = EnumNames.TryParse<ActivityType>(context.GetRaw("Type"), out var type) ? type : ActivityType.Todo,
            Title = ContactTaskSupport.Truncate(title, ContactActivity.TitleMaxLength),
            Description = description.Length == 0 ? null : ContactTaskSupport.Truncate(description, ContactActivity.DescriptionMaxLength),
            ScheduledAt = await DueAsync(context, ct),
            CreatedById = owner,
        };
        context.Db.Add(activity);
        context.Variables["ActivityId"] = activity.Id.ToString();
        context.Log(activity.ScheduledAt is { } at ? $"Activity '{activity.Title}' due {at:u}." : $"Activity '{activity.Title}' added.");
        return ActivityResult.Done();
    }

    private async Task<DateTime?> DueAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        if (DurationParser.TryParse(context.GetRaw("DueIn"), out var duration))
        {
            return clock.GetUtcNow().UtcDateTime + duration;
        }
        var at = (await context.GetTextAsync("DueAt", ct)).Trim();
        if (at.Length == 0)
        {
            return null;
        }
        if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) || parsed.Year is < 2000 or > 2200)
        {
            throw new InvalidOperationException($"'{at}' is not a date and time between the years 2000 and 2200 (Due at).");
        }
        return parsed.UtcDateTime;
    }

    public Task<IReadOnlyList<(string Property, string Message)>> ValidateAsync(IReadOnlyDictionary<string, string> properties, CrmDbContext db, CancellationToken ct)
    {
        var at = properties.GetValueOrDefault("DueAt")?.Trim();
        IReadOnlyList<(string, string)> errors = !string.IsNullOrEmpty(at) && !WorkflowTaskValues.IsTemplate(at)
            && !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            ? [("DueAt", $"'{at}' is not a date and time such as 2026-12-01T09:00:00Z.")]
            : [];
        return ValidateUserAsync(properties, db, errors, ct);
    }

    private static async Task<IReadOnlyList<(string Property, string Message)>> ValidateUserAsync(IReadOnlyDictionary<string, string> properties, CrmDbContext db, IReadOnlyList<(string, string)> errors, CancellationToken ct)
    {
        var user = properties.GetValueOrDefault("AssignedTo")?.Trim();
        if (string.IsNullOrEmpty(user) || WorkflowTaskValues.IsTemplate(user) || await WorkflowTaskValues.FindUserIdAsync(db, user, assignableOnly: true, ct) is not null)
        {
            return errors;
        }
        return [.. errors, ("AssignedTo", $"There is no active admin, staff or partner user '{user}'.")];
    }
}
