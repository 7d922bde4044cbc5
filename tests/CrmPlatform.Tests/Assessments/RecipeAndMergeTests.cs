using System.Net;
using System.Net.Http.Json;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Assessments;

public abstract class RecipeAndMergeTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Demo_assessments_recipe_creates_both_assessments_and_running_it_again_changes_nothing()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/recipes/demo-assessments/run", null, Ct)).StatusCode);
        var first = await Snapshot();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/recipes/demo-assessments/run", null, Ct)).StatusCode);

        Assert.Equal(first, await Snapshot());
        Assert.Contains(first, a => a.Title == "Sales aptitude test" && a.Questions == 8);
        Assert.Contains(first, a => a.Title == "DISC personality profile" && a.Questions == 6);
        var disc = await App.WithDbAsync(db => db.Set<Assessment>().SingleAsync(a => a.Title == "DISC personality profile"));
        var form = await (await App.ApiClientAsync(null)).GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/public/assessments/{disc.PublicUrl}", Ct);
        Assert.Equal(6, form.GetProperty("questions").GetArrayLength());
    }

    [Fact]
    public async Task An_invalid_assessments_step_is_refused_with_the_step_index_and_reasons_and_writes_nothing()
    {
        var recipe = CrmPlatform.Core.Recipes.RecipeParser.Parse("""
            { "name": "bad", "steps": [ { "name": "assessments", "assessments": [ { "title": "Broken", "trait": "astrology",
              "scoringLogic": { "rankings": [ { "min": -5, "label": "Low" } ] },
              "questions": [ { "question": "Q?", "type": "essay" } ] } ] } ] }
            """);
        await using var scope = App.Services.CreateAsyncScope();
        var executor = scope.ServiceProvider.GetRequiredService<CrmPlatform.Core.Recipes.RecipeExecutor>();

        var error = await Assert.ThrowsAsync<CrmPlatform.Core.Recipes.RecipeException>(() => executor.ExecuteAsync(recipe, null, Ct));

        var text = string.Join("\n", error.Errors);
        Assert.Contains("assessments[0].trait", text);
        Assert.Contains("$.rankings[0].min", text);
        Assert.Contains("assessments[0].questions[0].type", text);
        Assert.Contains("1", text);
        Assert.False(await App.WithDbAsync(db => db.Set<Assessment>().AnyAsync(a => a.Title == "Broken")));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_assessment_endpoints()
    {
        var client = await App.ApiClientAsync(null);
        var document = await client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/assessments/{id}/questions", document);
        Assert.Contains("/api/v1/public/assessments/{slug}/responses", document);
    }

    /// <summary>Titles, question counts and question ids: a second run must not even replace the questions.</summary>
    private Task<List<(string Title, int Questions, string Ids)>> Snapshot() => App.WithDbAsync(async db =>
        (await db.Set<Assessment>().Where(a => a.Title == "Sales aptitude test" || a.Title == "DISC personality profile")
            .Select(a => new { a.Title, Count = a.Questions.Count, Ids = a.Questions.Select(q => q.Id).ToList() }).ToListAsync())
        .Select(a => (a.Title, a.Count, string.Join(",", a.Ids.Order()))).OrderBy(a => a.Title).ToList());

    [Fact]
    public async Task A_contact_merge_moves_the_responses_to_the_surviving_contact()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var anonymous = await App.ApiClientAsync(null);
        var loserEmail = AssessmentTestData.NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync($"/api/v1/public/assessments/{sample.Slug}/responses", sample.Body(loserEmail), Ct)).StatusCode);
        var survivor = new Contact { Name = "Survivor", EmailId = AssessmentTestData.NewEmail(), ContactNo = AssessmentTestData.NewPhone(), Location = "Lyon" };
        survivor.Normalize();
        await App.WithDbAsync(async db => { db.Add(survivor); await db.SaveChangesAsync(); });
        var loser = await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.EmailId == loserEmail).Select(c => c.Id).SingleAsync());

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmPlatform.Core.Data.CrmDbContext>();
        var participant = scope.ServiceProvider.GetServices<IContactMergeParticipant>().Single(p => p.Title == "Assessment responses");
        Assert.Equal(1, await participant.CountAsync(db, loser, Ct));
        await participant.MoveAsync(db, loser, survivor.Id, Ct);

        Assert.Equal(0, await App.WithDbAsync(d => d.Set<AssessmentResponse>().CountAsync(r => r.ContactId == loser)));
        Assert.Equal(1, await App.WithDbAsync(d => d.Set<AssessmentResponse>().CountAsync(r => r.ContactId == survivor.Id)));
    }
}

public sealed class RecipeAndMergeTestsOnSqlite(AssessmentsSqliteApp app) : RecipeAndMergeTests(app), IClassFixture<AssessmentsSqliteApp>;

public sealed class RecipeAndMergeTestsOnPostgres(AssessmentsPostgresApp app) : RecipeAndMergeTests(app), IClassFixture<AssessmentsPostgresApp>;
