using CrmPlatform.Contacts;
using CrmPlatform.Contacts.Data;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Auditing;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.CrmTrackers;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Workflows;

/// <summary>The tasks the Contacts and CRM trackers modules contribute, run by the engine on real events.</summary>
public abstract class ModuleTaskTests(CrmApp app) : IntegrationTest(app)
{
    private static ContactCreated Created(Contact c) => new(c.Id, c.Name, c.EmailId, c.ContactNo, "employee", null, null, null);

    private async Task<ContactCategory> CategoryAsync()
    {
        var category = new ContactCategory { Name = $"Cat {Guid.NewGuid():N}" };
        category.NormalizedName = ContactCategory.Normalize(category.Name);
        await App.WithDbAsync(async db => { db.Add(category); await db.SaveChangesAsync(); });
        return category;
    }

    private Task<int> OutboxCountAsync(string type, Guid id) =>
        App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Type == type && m.Payload.Contains(id.ToString())));

    [Fact]
    public async Task Contact_tasks_add_a_liquid_note_set_the_category_and_schedule_an_activity_with_events_and_audit()
    {
        var contact = await App.ContactAsync();
        var category = await CategoryAsync();
        var staff = await App.CreateUserAsync(UserRole.InternalStaff);
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(nameof(ContactCreated), ("Match", $"ContactId = {contact.Id}"))
            .Then("note", "AddContactNote", ("Text", "Welcome {{ Event.Name }}"))
            .Then("category", "SetContactCategory", ("Category", category.Name.ToUpperInvariant()))
            .Then("call", "CreateContactActivity", ("Type", "call"), ("Title", "Call {{ Event.Name }}"), ("DueIn", "2d"), ("AssignedTo", staff.Email!))
            .Build());

        var before = DateTime.UtcNow;
        await App.RaiseAsync(Created(contact));

        var instance = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("finished", instance.Instance.Status);
        var note = await App.WithDbAsync(db => db.Set<ContactNote>().SingleAsync(n => n.ContactId == contact.Id));
        Assert.Equal($"Welcome {contact.Name}", note.Content);
        Assert.Equal(category.Id, await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.Id == contact.Id).Select(c => c.CategoryId).SingleAsync()));
        var activity = await App.WithDbAsync(db => db.Set<ContactActivity>().SingleAsync(a => a.ContactId == contact.Id));
        Assert.Equal((ActivityType.Call, $"Call {contact.Name}", staff.Id), (activity.Type, activity.Title, activity.CreatedById));
        Assert.InRange(activity.ScheduledAt!.Value, before.AddDays(2).AddMinutes(-1), DateTime.UtcNow.AddDays(2).AddMinutes(1));
        Assert.Equal(1, await OutboxCountAsync(nameof(NoteAdded), note.Id));
        Assert.Equal(1, await OutboxCountAsync(nameof(ContactUpdated), contact.Id));
        var audit = await App.WithDbAsync(db => db.Set<AuditEntry>().Where(a => a.EntityType == nameof(Contact) && a.EntityId == contact.Id.ToString() && a.Action == "updated").ToListAsync());
        Assert.Contains(audit, a => a.Changes.Contains(nameof(Contact.CategoryId), StringComparison.Ordinal));
        Assert.Contains(instance.Log, l => l.ActivityId == "note" && l.Outcome == "Done");
    }

    [Fact]
    public async Task A_missing_contact_or_user_takes_the_not_found_outcomes()
    {
        var contact = await App.ContactAsync();
        var missing = Guid.NewGuid();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(nameof(ContactCreated), ("Match", $"ContactId = {contact.Id}"))
            .Then("note", "AddContactNote", ("ContactId", missing.ToString()), ("Text", "Hello"))
            .Then("NotFound", "call", "CreateContactActivity", ("Title", "Call"), ("AssignedTo", "{{ Event.Email }}"))
            .Then("UserNotFound", "log", "Log", ("Message", "no such user"))
            .Build());

        await App.RaiseAsync(Created(contact));

        var instance = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("finished", instance.Instance.Status);
        Assert.Equal(["NotFound", "UserNotFound", "Done"], instance.Log.Skip(1).Select(l => l.Outcome));
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ContactActivity>().CountAsync(a => a.ContactId == contact.Id)));
    }

    [Fact]
    public async Task Lead_tasks_create_a_lead_move_it_and_assign_it_raising_the_lead_events()
    {
        var contact = await App.ContactAsync();
        var tracker = new CrmTracker { Name = $"Pipeline {Guid.NewGuid():N}" };
        await App.WithDbAsync(async db => { db.Add(tracker); await db.SaveChangesAsync(); });
        var staff = await App.CreateUserAsync(UserRole.InternalStaff);
        var partner = await App.CreateUserAsync(UserRole.Partner);
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(nameof(ContactCreated), ("Match", $"ContactId = {contact.Id}"))
            .Then("create", "CreateLead", ("Tracker", tracker.Name), ("Title", "{{ Event.Name }} deal"), ("Status", "qualified"), ("AssignTo", staff.Email!))
            .Then("won", "SetLeadStatus", ("LeadId", "{{ Variables.LeadId }}"), ("Status", "closed_won"))
            .Then("assign", "AssignLead", ("LeadId", "{{ Variables.LeadId }}"), ("User", partner.Id.ToString()))
            .Build());

        await App.RaiseAsync(Created(contact));

        var instance = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("finished", instance.Instance.Status);
        var lead = await App.WithDbAsync(db => db.Set<Lead>().SingleAsync(l => l.ContactId == contact.Id));
        Assert.Equal(($"{contact.Name} deal", LeadStatus.ClosedWon, partner.Id, tracker.Id), (lead.Title, lead.Status, lead.AssignedToId, lead.TrackerId));
        Assert.Equal(lead.Id.ToString(), instance.Variables["LeadId"]!.GetValue<string>());
        Assert.Equal(1, await OutboxCountAsync("LeadCreated", lead.Id));
        Assert.Equal(2, await OutboxCountAsync("LeadAssigned", lead.Id));
        Assert.Equal(1, await OutboxCountAsync("LeadStatusChanged", lead.Id));
        Assert.True(await App.WithDbAsync(db => db.Set<AuditEntry>().AnyAsync(a => a.EntityType == nameof(Lead) && a.EntityId == lead.Id.ToString() && a.Changes.Contains("Status"))));
    }

    [Fact]
    public async Task Unknown_categories_trackers_and_users_are_refused_at_save_time_next_to_the_property()
    {
        var withRequiredField = await App.TrackerAsync();
        var result = await App.SaveWorkflowAsync(new WorkflowBuilder(nameof(ContactCreated))
            .Then("category", "SetContactCategory", ("Category", "No such category"))
            .Then("lead", "CreateLead", ("Tracker", "No such tracker"), ("Title", "x"))
            .Then("lead2", "CreateLead", ("Tracker", withRequiredField.Name), ("Title", "x"))
            .Then("assign", "AssignLead", ("User", "nobody@tests.local"))
            .Then("call", "CreateContactActivity", ("Title", "x"), ("DueAt", "next tuesday"), ("Type", "dance"))
            .Build());

        Assert.False(result.Succeeded);
        Assert.Contains("no active contact category 'No such category'", result.Errors["activities.category.Category"][0], StringComparison.Ordinal);
        Assert.Contains("no tracker 'No such tracker'", result.Errors["activities.lead.Tracker"][0], StringComparison.Ordinal);
        Assert.Contains("required fields", result.Errors["activities.lead2.Tracker"][0], StringComparison.Ordinal);
        Assert.Contains("nobody@tests.local", result.Errors["activities.assign.User"][0], StringComparison.Ordinal);
        Assert.Contains("must be one of", result.Errors["activities.call.Type"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_templated_tracker_that_does_not_exist_faults_the_instance_with_the_reason_and_writes_nothing()
    {
        var contact = await App.ContactAsync();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(nameof(ContactCreated), ("Match", $"ContactId = {contact.Id}"))
            .Then("note", "AddContactNote", ("Text", "written before the fault"))
            .Then("lead", "CreateLead", ("Tracker", "{{ Event.Name }} pipeline"), ("Title", "x"))
            .Build());

        await App.RaiseAsync(Created(contact));

        var instance = Assert.Single(await App.InstancesOfAsync(type.Id));
        Assert.Equal("faulted", instance.Instance.Status);
        Assert.Contains($"There is no tracker '{contact.Name} pipeline'", instance.Instance.FaultMessage, StringComparison.Ordinal);
        // The run is one unit of work: the note of the earlier activity and its event were discarded with it.
        Assert.Equal(0, await App.WithDbAsync(db => db.Set<ContactNote>().CountAsync(n => n.ContactId == contact.Id)));
        Assert.Equal(0, await App.WithDbAsync(db => db.Outbox.CountAsync(m => m.Type == nameof(NoteAdded) && m.Payload.Contains(contact.Id.ToString()))));
    }
}

public sealed class ModuleTaskTestsOnSqlite(SqliteApp app) : ModuleTaskTests(app), IClassFixture<SqliteApp>;

public sealed class ModuleTaskTestsOnPostgres(PostgresApp app) : ModuleTaskTests(app), IClassFixture<PostgresApp>;
