using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Display;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using CrmPlatform.Questionnaires.Data;
using CrmPlatform.Questionnaires.Features;
using CrmPlatform.Questionnaires.Pages.Shared.Components.QuestionnaireResponsesPart;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Questionnaires;

public abstract class RecipeMergeAndPartTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Demo_recipe_creates_the_onboarding_questionnaire_with_responses_and_running_it_again_changes_nothing()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);

        var run = await admin.PostAsync("/api/v1/recipes/demo/run", null, Ct);
        Assert.True(run.StatusCode == HttpStatusCode.NoContent, await run.Content.ReadAsStringAsync(Ct));
        var first = await SnapshotAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/recipes/demo/run", null, Ct)).StatusCode);

        Assert.Equal(first, await SnapshotAsync());
        Assert.Equal((5, 3, 19), (first.Questions, first.Responses, first.Answers));
    }

    [Fact]
    public async Task An_invalid_questionnaires_step_is_refused_with_the_reasons_and_writes_nothing()
    {
        var recipe = CrmPlatform.Core.Recipes.RecipeParser.Parse("""
            { "name": "bad", "steps": [ { "name": "questionnaires", "questionnaires": [ { "title": "Broken", "ratingMin": 5, "ratingMax": 2,
              "questions": [ { "question": "Q?", "type": "essay" }, { "question": "Pick", "type": "multiple_choice", "options": ["A"] } ],
              "responses": [ { "name": "X", "email": "x@tests.local", "answers": { "Pick": ["A", "B"] } } ] } ] } ] }
            """);
        await using var scope = App.Services.CreateAsyncScope();
        var executor = scope.ServiceProvider.GetRequiredService<CrmPlatform.Core.Recipes.RecipeExecutor>();

        var error = await Assert.ThrowsAsync<CrmPlatform.Core.Recipes.RecipeException>(() => executor.ExecuteAsync(recipe, null, Ct));

        var text = string.Join("\n", error.Errors);
        Assert.Contains("questionnaires[0].RatingMax", text);
        Assert.Contains("questionnaires[0].questions[0].type", text);
        Assert.Contains("questionnaires[0].responses[0]", text);
        Assert.False(await App.WithDbAsync(db => db.Set<Questionnaire>().AnyAsync(q => q.Title == "Broken")));
    }

    [Fact]
    public async Task A_contact_merge_moves_the_responses_and_the_contact_part_lists_them_for_staff_only()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var loserEmail = QuestionnaireTestData.NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await (await App.ApiClientAsync(null)).PostAsJsonAsync(sample.SubmitUrl, sample.Body(loserEmail), Ct)).StatusCode);
        var survivor = new Contact { Name = "Survivor", EmailId = QuestionnaireTestData.NewEmail(), ContactNo = QuestionnaireTestData.NewPhone(), Location = "Lyon" };
        survivor.Normalize();
        await App.WithDbAsync(async db => { db.Add(survivor); await db.SaveChangesAsync(); });
        var loser = await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.EmailId == loserEmail).Select(c => c.Id).SingleAsync());

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmPlatform.Core.Data.CrmDbContext>();
        var participant = scope.ServiceProvider.GetServices<IContactMergeParticipant>().Single(p => p.Title == "Questionnaire responses");
        Assert.Equal(1, await participant.CountAsync(db, loser, Ct));
        await participant.MoveAsync(db, loser, survivor.Id, Ct);

        Assert.Equal(0, await App.WithDbAsync(d => d.Set<QuestionnaireResponse>().CountAsync(r => r.ContactId == loser)));
        Assert.Equal(1, await App.WithDbAsync(d => d.Set<QuestionnaireResponse>().CountAsync(r => r.ContactId == survivor.Id)));

        var parts = scope.ServiceProvider.GetRequiredService<DisplayPartService>();
        Assert.Contains(await parts.ForAsync(DisplayTargets.Contact, As("internal_staff"), Ct), p => p.Title == "Questionnaire responses");
        Assert.DoesNotContain(await parts.ForAsync(DisplayTargets.Contact, As("partner"), Ct), p => p.Title == "Questionnaire responses");
        var component = new QuestionnaireResponsesPartViewComponent(scope.ServiceProvider.GetRequiredService<ResponseQueries>())
        {
            ViewComponentContext = new ViewComponentContext { ViewContext = new ViewContext { HttpContext = new DefaultHttpContext() } },
        };
        var result = Assert.IsType<ViewViewComponentResult>(await component.InvokeAsync(new DisplayContext(DisplayTargets.Contact, survivor.Id, As("internal_staff"))));
        var rows = Assert.IsAssignableFrom<IReadOnlyList<ResponseListItem>>(result.ViewData!.Model);
        Assert.Equal(sample.Id, Assert.Single(rows).QuestionnaireId);
    }

    private static ClaimsPrincipal As(string role) => new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(CrmClaims.Role, role)], "test"));

    private Task<(int Questions, int Responses, int Answers, string Ids)> SnapshotAsync() => App.WithDbAsync(async db =>
    {
        var q = await db.Set<Questionnaire>().Where(x => x.Title == "Customer onboarding").Select(x => new { x.Id, Ids = x.Questions.Select(y => y.Id).ToList() }).SingleAsync();
        var responses = await db.Set<QuestionnaireResponse>().CountAsync(r => r.QuestionnaireId == q.Id);
        var answers = await db.Set<QuestionnaireResponseAnswer>().CountAsync(a => a.Response!.QuestionnaireId == q.Id);
        return (q.Ids.Count, responses, answers, string.Join(",", q.Ids.Order()));
    });
}

public sealed class RecipeMergeAndPartTestsOnSqlite(SqliteApp app) : RecipeMergeAndPartTests(app), IClassFixture<SqliteApp>;

public sealed class RecipeMergeAndPartTestsOnPostgres(PostgresApp app) : RecipeMergeAndPartTests(app), IClassFixture<PostgresApp>;
