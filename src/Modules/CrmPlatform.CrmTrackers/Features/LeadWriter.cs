using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Settings;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>Creates and edits leads with their custom field values; all checks pass or nothing is written.</summary>
internal sealed class LeadWriter(CrmDbContext db, LeadAccess access, SiteSettingsService settings)
{
    public async Task<Result<Guid>> CreateAsync(LeadInput input, CancellationToken ct)
    {
        var errors = Errors.Of(input);
        var tracker = input.TrackerId is { } trackerId ? await db.Trackers().Include(t => t.Fields).FirstOrDefaultAsync(t => t.Id == trackerId, ct) : null;
        if (tracker is null)
        {
            errors["trackerId"] = [input.TrackerId is null ? "Tracker is required." : "The tracker does not exist."];
        }
        else if (!tracker.IsActive)
        {
            errors["trackerId"] = ["The tracker is inactive: reactivate it to add leads."];
        }
        if (input.AssignedToId is not null && !await access.HasAsync(CrmTrackersPermissions.Assign, ct))
        {
            errors["assignedToId"] = ["You are not allowed to assign leads."];
        }
        await CheckReferencesAsync(input, errors, ct);
        var values = tracker is null ? [] : FieldValueBinder.Resolve(Ordered(tracker), input.Fields, new Dictionary<Guid, string?>(), await RegionAsync(ct), errors);
        if (errors.Count > 0)
        {
            return Result<Guid>.Invalid(errors);
        }
        var lead = new Lead
        {
            TrackerId = tracker!.Id,
            CreatedById = access.UserId,
            Status = input.Status is null ? LeadStatus.New : Parse(input.Status),
        };
        Copy(input, lead);
        lead.AssignedToId = input.AssignedToId;
        db.Leads().Add(lead);
        await FieldValueBinder.ApplyAsync(db, lead, values, ct);
        db.Raise(new LeadCreated(lead.Id, lead.TrackerId, lead.ContactId, lead.Title, lead.Status, lead.EstimatedValue, lead.AssignedToId, access.UserId));
        if (lead.AssignedToId is not null)
        {
            db.Raise(new LeadAssigned(lead.Id, lead.TrackerId, lead.ContactId, null, lead.AssignedToId, access.UserId));
        }
        await db.SaveChangesAsync(ct);
        return Result<Guid>.Ok(lead.Id);
    }

    public async Task<Result<Guid>> UpdateAsync(Guid id, LeadInput input, CancellationToken ct)
    {
        var lead = await access.FindAsync(id, ct);
        if (lead is null)
        {
            return Result<Guid>.NotFound();
        }
        var errors = Errors.Of(input);
        if (input.TrackerId is { } trackerId && trackerId != lead.TrackerId)
        {
            errors["trackerId"] = ["A lead cannot move to another tracker."];
        }
        // Assignment has its own action (and permission); an edit may repeat the current assignee or leave it out.
        if (input.AssignedToId is { } assignee && assignee != lead.AssignedToId)
        {
            errors["assignedToId"] = [await access.HasAsync(CrmTrackersPermissions.Assign, ct)
                ? "Change the assignment with the assign action, not by editing the lead."
                : "You are not allowed to change the assignment."];
        }
        await CheckReferencesAsync(input, errors, ct, checkAssignee: false);
        var fields = await db.Fields().AsNoTracking().Where(f => f.TrackerId == lead.TrackerId).OrderBy(f => f.SortOrder).ToListAsync(ct);
        var values = FieldValueBinder.Resolve(fields, input.Fields, await FieldValueBinder.CurrentAsync(db, lead.Id, ct), await RegionAsync(ct), errors);
        if (errors.Count > 0)
        {
            return Result<Guid>.Invalid(errors);
        }
        var oldStatus = lead.Status;
        Copy(input, lead);
        if (input.Status is not null)
        {
            lead.Status = Parse(input.Status);
        }
        await FieldValueBinder.ApplyAsync(db, lead, values, ct);
        if (lead.Status != oldStatus)
        {
            db.Raise(new LeadStatusChanged(lead.Id, lead.TrackerId, lead.ContactId, oldStatus, lead.Status, access.UserId, lead.Title, lead.AssignedToId));
        }
        // A lead whose only change is a custom field still gets a new UpdatedAt (the list sorts on it).
        db.Entry(lead).Property(l => l.UpdatedAt).IsModified = true;
        await db.SaveChangesAsync(ct);
        return Result<Guid>.Ok(lead.Id);
    }

    private static List<CrmField> Ordered(CrmTracker tracker) => [.. tracker.Fields.OrderBy(f => f.SortOrder)];

    private static LeadStatus Parse(string status) => EnumNames.TryParse<LeadStatus>(status, out var s) ? s : LeadStatus.New;

    private static void Copy(LeadInput input, Lead lead)
    {
        lead.Title = input.Title!.Trim();
        lead.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        lead.EstimatedValue = input.EstimatedValue;
        lead.ExpectedCloseDate = input.ExpectedCloseDate is { } date ? DateTime.SpecifyKind(date.Date, DateTimeKind.Utc) : null;
        lead.ContactId = input.ContactId!.Value;
        lead.Normalize();
    }

    private async Task CheckReferencesAsync(LeadInput input, Dictionary<string, string[]> errors, CancellationToken ct, bool checkAssignee = true)
    {
        if (input.ContactId is { } contactId && !await db.Set<Contact>().AnyAsync(c => c.Id == contactId, ct))
        {
            errors["contactId"] = ["The contact does not exist."];
        }
        if (checkAssignee && input.AssignedToId is { } userId && !errors.ContainsKey("assignedToId")
            && !await db.Users.AnyAsync(u => u.Id == userId && u.IsActive && u.Role != UserRole.Lead, ct))
        {
            errors["assignedToId"] = ["Leads can be assigned only to active admin, staff or partner users."];
        }
    }

    private async Task<string> RegionAsync(CancellationToken ct) =>
        (await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, ct)).DefaultPhoneRegion;
}

/// <summary>Validation errors keyed as the API names the fields (camelCase).</summary>
internal static class Errors
{
    public static Dictionary<string, string[]> Of(object request) =>
        RequestValidator.Validate(request).ToDictionary(e => Camel(e.Key), e => e.Value, StringComparer.Ordinal);

    public static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
