using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Assessments;

public abstract class AssessmentAdminTests(CrmApp app) : IntegrationTest(app)
{
    [Theory]
    [InlineData(UserRole.Admin, HttpStatusCode.OK)]
    [InlineData(UserRole.InternalStaff, HttpStatusCode.OK)]
    [InlineData(UserRole.Partner, HttpStatusCode.Forbidden)]
    [InlineData(UserRole.Lead, HttpStatusCode.Forbidden)]
    public async Task Assessment_api_and_screens_follow_the_role_defaults(UserRole role, HttpStatusCode expected)
    {
        var api = await App.ApiClientAsync(role);
        Assert.Equal(expected, (await api.GetAsync("/api/v1/assessments", Ct)).StatusCode);
        Assert.Equal(expected, (await api.GetAsync("/api/v1/assessments/grading", Ct)).StatusCode);
        var screens = await App.ScreenClientAsync(role);
        var page = await screens.GetAsync("/admin/assessments", Ct);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        else
        {
            Assert.Contains("/access-denied", page.Headers.Location?.ToString() ?? "");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await App.ApiClientAsync(null)).GetAsync("/api/v1/assessments", Ct)).StatusCode);
    }

    [Fact]
    public async Task Staff_build_an_assessment_through_the_api_and_answered_questions_cannot_be_deleted()
    {
        var api = await App.ApiClientAsync(UserRole.InternalStaff);
        var created = await api.PostAsJsonAsync("/api/v1/assessments", new { title = "API built", trait = "leadership", isPublic = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var question = await api.PostAsJsonAsync($"/api/v1/assessments/{id}/questions", new { question = "Leaders listen first.", type = "true_false", points = 3 }, Ct);
        var q = await question.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, q.GetProperty("options").GetArrayLength());
        var badScoring = await api.PutAsJsonAsync($"/api/v1/assessments/{id}", new { title = "API built", trait = "leadership", scoringLogic = """{ "rankings": [ { "min": 200, "label": "X" } ] }""" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badScoring.StatusCode);
        Assert.Contains("$.rankings[0].min", await badScoring.Content.ReadAsStringAsync(Ct));

        var slug = await App.WithDbAsync(db => db.Set<Assessment>().Where(a => a.Id == id).Select(a => a.PublicUrl).SingleAsync());
        var questionId = q.GetProperty("id").GetGuid();
        var trueOption = q.GetProperty("options")[0].GetProperty("id").GetGuid();
        var submit = await (await App.ApiClientAsync(null)).PostAsJsonAsync($"/api/v1/public/assessments/{slug}/responses",
            new { name = "Taker", email = AssessmentTestData.NewEmail(), phone = AssessmentTestData.NewPhone(), answers = new[] { new { questionId, optionId = trueOption } } }, Ct);
        Assert.Equal(HttpStatusCode.Created, submit.StatusCode);

        var delete = await api.DeleteAsync($"/api/v1/assessments/{id}/questions/{questionId}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        var rename = await api.PutAsJsonAsync($"/api/v1/assessments/{id}/questions/{questionId}", new { question = "Good leaders listen first.", type = "true_false", points = 10 }, Ct);
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        var snapshot = await App.WithDbAsync(db => db.Set<AssessmentResponseAnswer>().Where(a => a.QuestionId == questionId).Select(a => new { a.QuestionText, a.Points }).SingleAsync());
        Assert.Equal(("Leaders listen first.", 3), (snapshot.QuestionText, snapshot.Points));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/assessments/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/assessments/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/assessments/{id}/restore", null, Ct)).StatusCode);
        var copy = await api.PostAsync($"/api/v1/assessments/{id}/duplicate", null, Ct);
        var copied = await copy.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Copy of API built", copied.GetProperty("title").GetString());
        Assert.Equal(1, copied.GetProperty("questions").GetArrayLength());
        Assert.NotEqual(slug, copied.GetProperty("publicUrl").GetString());
    }

    [Fact]
    public async Task Grading_a_subjective_answer_recomputes_the_response_and_updates_the_contact()
    {
        var sample = await SampleAssessment.CreateAsync(App, withEssay: true);
        var email = AssessmentTestData.NewEmail();
        var submit = await (await App.ApiClientAsync(null)).PostAsJsonAsync($"/api/v1/public/assessments/{sample.Slug}/responses", sample.Body(email), Ct);
        var submitted = await submit.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(submitted.GetProperty("pendingGrading").GetBoolean());
        Assert.Equal(17, submitted.GetProperty("totalScore").GetInt32());
        Assert.Equal(22, submitted.GetProperty("maxScore").GetInt32());
        var grader = await App.ApiClientAsync(UserRole.InternalStaff);
        var queue = await grader.GetFromJsonAsync<JsonElement>($"/api/v1/assessments/grading?assessmentId={sample.Id}", Ct);
        var answerId = queue[0].GetProperty("answerId").GetGuid();

        Assert.Equal(HttpStatusCode.BadRequest, (await grader.PostAsJsonAsync($"/api/v1/assessments/answers/{answerId}/grade", new { points = 6 }, Ct)).StatusCode);
        var graded = await grader.PostAsJsonAsync($"/api/v1/assessments/answers/{answerId}/grade", new { points = 5 }, Ct);

        var result = await graded.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((22, 100m, false), (result.GetProperty("totalScore").GetInt32(), result.GetProperty("percentage").GetDecimal(), result.GetProperty("pendingGrading").GetBoolean()));
        Assert.Equal(0, (await grader.GetFromJsonAsync<JsonElement>($"/api/v1/assessments/grading?assessmentId={sample.Id}", Ct)).GetArrayLength());
        Assert.True(await App.WithDbAsync(db => db.Outbox.AnyAsync(o => o.Type == "AssessmentGraded")));
        await App.DrainEventsAsync();
        Assert.Equal("Driver", await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.EmailId == email).Select(c => c.PersonalityType).SingleAsync()));
    }

    [Fact]
    public async Task Results_screen_charts_and_csv_export_neutralise_formulas()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var body = new { name = "=HYPERLINK(\"http://evil\")", email = AssessmentTestData.NewEmail(), phone = AssessmentTestData.NewPhone(), answers = sample.Answers() };
        Assert.Equal(HttpStatusCode.Created, (await (await App.ApiClientAsync(null)).PostAsJsonAsync($"/api/v1/public/assessments/{sample.Slug}/responses", body, Ct)).StatusCode);
        var staff = await App.ScreenClientAsync(UserRole.InternalStaff);

        var results = await staff.GetStringAsync($"/admin/assessments/{sample.Id}/results", Ct);
        var csv = await staff.GetStringAsync($"/admin/assessments/{sample.Id}/export", Ct);

        Assert.Contains("data-chart=", results);
        Assert.Contains("Driver", results);
        Assert.Contains("'=HYPERLINK", csv);
        Assert.DoesNotContain(",=HYPERLINK", csv);
    }

    [Fact]
    public async Task A_signed_in_lead_takes_an_offered_assessment_and_sees_the_result_under_my_assessments()
    {
        var sample = await SampleAssessment.CreateAsync(App, isPublic: false);
        await App.WithDbAsync(async db =>
        {
            var a = await db.Set<Assessment>().SingleAsync(x => x.Id == sample.Id);
            a.OfferToLeads = true;
            await db.SaveChangesAsync();
        });
        var lead = await App.CreateUserAsync(UserRole.Lead);
        var client = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await CrmApp.SignInAsync(client, lead.Email!, CrmApp.DefaultPassword);

        Assert.Contains(sample.Slug, await client.GetStringAsync("/my/assessments", Ct));
        var fields = sample.Form("someone-else@tests.local");
        var posted = await CrmApp.PostFormAsync(client, $"/a/{sample.Slug}", fields);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Set<Contact>().AnyAsync(c => c.EmailId == lead.Email!.ToLowerInvariant())));
        Assert.Contains("Strong", await client.GetStringAsync("/my/assessments", Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ScreenClientAsync(null)).GetAsync($"/a/{sample.Slug}", Ct)).StatusCode);
    }
}

public sealed class AssessmentAdminTestsOnSqlite(AssessmentsSqliteApp app) : AssessmentAdminTests(app), IClassFixture<AssessmentsSqliteApp>;

public sealed class AssessmentAdminTestsOnPostgres(AssessmentsPostgresApp app) : AssessmentAdminTests(app), IClassFixture<AssessmentsPostgresApp>;
