using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Assessments;
using CrmPlatform.Tests.CrmTrackers;
using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Workflows.Data;
using CrmPlatform.Workflows.Features;
using CrmPlatform.Workflows.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Workflows;

/// <summary>The workflows the recipes install: the setup recipe's profile workflows and the demo recipe's lead-won workflow.</summary>
public abstract class DefaultWorkflowTests(CrmApp app) : IntegrationTest(app)
{
    private Task<WorkflowType> TypeAsync(string startEvent) =>
        App.WithDbAsync(db => db.Set<WorkflowType>().AsNoTracking().SingleAsync(t => t.StartEvent == startEvent && t.Name.Contains("update the contact's personality type")));

    [Fact]
    public async Task Setup_installs_the_enabled_profile_workflows_for_submitted_and_graded_assessments()
    {
        Assert.True((await TypeAsync("AssessmentSubmitted")).Enabled);
        Assert.True((await TypeAsync("AssessmentGraded")).Enabled);
    }

    [Fact]
    public async Task A_submitted_assessment_updates_the_contacts_profile_through_the_default_workflow()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var client = await App.ScreenClientAsync(null);
        var email = AssessmentTestData.NewEmail();

        var posted = await CrmApp.PostFormAsync(client, $"/a/{sample.Slug}", sample.Form(email));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await App.DrainEventsAsync();

        var contact = await App.WithDbAsync(db => db.Set<Contact>().SingleAsync(c => c.EmailId == email));
        Assert.Equal(("Driver", "Goal-oriented", "Achievement", "Competitive"), (contact.PersonalityType, contact.Traits, contact.InnerDrives, contact.Baselines));
        var type = await TypeAsync("AssessmentSubmitted");
        var instance = Assert.Single(await App.InstancesOfAsync(type.Id), i => i.Instance.CorrelationId == contact.Id.ToString());
        Assert.Equal("finished", instance.Instance.Status);
        Assert.Contains(instance.Log, l => l.ActivityType == "UpdateContactProfile" && l.Outcome == "Done");
    }

    [Fact]
    public async Task A_lead_moved_to_closed_won_runs_the_demo_workflow_note_and_email_to_the_assignee()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var demo = new RecipeStore().Find("demo")!;
            var step = demo.Steps.Single(s => s.Name == "workflows");
            var definitions = step.Data.GetProperty("workflows").Deserialize<List<WorkflowDefinition>>(WorkflowGraph.Json)!;
            var types = scope.ServiceProvider.GetRequiredService<WorkflowTypes>();
            foreach (var definition in definitions)
            {
                Assert.True((await types.ImportAsync(definition, Ct)).Succeeded);
            }
        }
        var assignee = await App.CreateUserAsync(UserRole.InternalStaff);
        var lead = await App.LeadAsync(await App.TrackerAsync(), await App.ContactAsync(), assignee.Id, LeadStatus.Negotiation);
        using var api = await App.ApiClientAsync(UserRole.Admin);

        var response = await api.PostAsJsonAsync($"/api/v1/leads/{lead.Id}/status", new { status = "closed_won" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await App.DrainEventsAsync();

        var note = await App.WithDbAsync(db => db.Set<ContactNote>().SingleAsync(n => n.ContactId == lead.ContactId));
        Assert.Equal($"Lead \"{lead.Title}\" was won.", note.Content);
        var folder = Path.Combine(App.Services.GetRequiredService<IConfiguration>()["Storage:Root"]!, "mail");
        var mail = Directory.EnumerateFiles(folder, "*.eml").Select(File.ReadAllText).Single(m => m.Contains(lead.Title, StringComparison.Ordinal));
        Assert.Contains($"To: {assignee.Email}", mail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Subject: Lead won:", mail, StringComparison.Ordinal);
        var won = await App.WithDbAsync(db => db.Set<WorkflowType>().AsNoTracking().SingleAsync(t => t.Name.StartsWith("Lead won")));
        var instance = Assert.Single(await App.InstancesOfAsync(won.Id));
        Assert.Equal("finished", instance.Instance.Status);
        Assert.Equal(["start", "note", "email"], instance.Log.Select(l => l.ActivityId));
        Assert.False((await App.WithDbAsync(db => db.Set<WorkflowType>().AsNoTracking().SingleAsync(t => t.Name.StartsWith("Public-form contact created")))).Enabled);
    }
}

public sealed class DefaultWorkflowTestsOnSqlite(SqliteApp app) : DefaultWorkflowTests(app), IClassFixture<SqliteApp>;

public sealed class DefaultWorkflowTestsOnPostgres(PostgresApp app) : DefaultWorkflowTests(app), IClassFixture<PostgresApp>;
