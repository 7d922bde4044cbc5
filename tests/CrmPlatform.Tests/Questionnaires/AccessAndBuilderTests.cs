using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Users;
using CrmPlatform.Questionnaires.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Questionnaires;

public abstract class AccessAndBuilderTests(CrmApp app) : IntegrationTest(app)
{
    [Theory]
    [InlineData(UserRole.Admin, HttpStatusCode.OK)]
    [InlineData(UserRole.InternalStaff, HttpStatusCode.OK)]
    [InlineData(UserRole.Partner, HttpStatusCode.Forbidden)]
    [InlineData(UserRole.Lead, HttpStatusCode.Forbidden)]
    public async Task Only_admin_and_staff_manage_questionnaires_view_responses_and_export(UserRole role, HttpStatusCode expected)
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var api = await App.ApiClientAsync(role);
        var screens = await App.ScreenClientAsync(role);

        Assert.Equal(expected, (await api.GetAsync("/api/v1/questionnaires", Ct)).StatusCode);
        Assert.Equal(expected, (await api.GetAsync($"/api/v1/questionnaires/{sample.Id}/responses", Ct)).StatusCode);
        var export = await screens.GetAsync($"/admin/questionnaires/{sample.Id}/export", Ct);
        Assert.Equal(expected == HttpStatusCode.OK, export.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_lead_sees_a_questionnaire_offered_to_leads_and_fills_it_as_themselves_while_anonymous_visitors_get_404()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App, isPublic: false, offerToLeads: true);
        var user = await App.CreateUserAsync(UserRole.Lead);
        var lead = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CrmApp.SignInAsync(lead, user.Email!, CrmApp.DefaultPassword);

        Assert.Contains($"/q/{sample.Slug}", await lead.GetStringAsync("/my/questionnaires", Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ApiClientAsync(null)).GetAsync($"/q/{sample.Slug}", Ct)).StatusCode);
        var fields = new Dictionary<string, string>
        {
            ["Name"] = "Lead Person", ["Email"] = "someone-else@tests.local", ["Phone"] = QuestionnaireTestData.NewPhone(),
            ["q." + sample.ChoiceId.ToString("N")] = sample.ChoiceOptions[2].ToString(),
            ["q." + sample.RatingId.ToString("N")] = "3",
            ["q." + sample.YesNoId.ToString("N")] = sample.YesNoOptions[1].ToString(),
        };
        var posted = await CrmApp.PostFormAsync(lead, $"/q/{sample.Slug}", fields);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var contactEmail = await App.WithDbAsync(db => db.Set<QuestionnaireResponse>().Where(r => r.QuestionnaireId == sample.Id)
            .Join(db.Set<Contact>(), r => r.ContactId, c => c.Id, (r, c) => c.EmailId).SingleAsync());
        Assert.Equal(user.Email!.ToLowerInvariant(), contactEmail);
        Assert.Contains("answered", await lead.GetStringAsync("/my/questionnaires", Ct));
    }

    [Fact]
    public async Task Builder_api_creates_questions_of_every_type_reorders_and_refuses_breaking_edits_once_answered()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/v1/questionnaires", new { title = "Onboarding " + Guid.NewGuid().ToString("N")[..6], ratingMin = 0, ratingMax = 10 }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetGuid();
        var ids = new List<Guid>();
        foreach (var (type, options) in new[] { ("multiple_choice", new[] { "A", "B" }), ("text", Array.Empty<string>()), ("rating_scale", []), ("yes_no", []), ("checkbox", ["X", "Y"]) })
        {
            var response = await admin.PostAsJsonAsync($"/api/v1/questionnaires/{id}/questions", new { question = type + "?", type, isRequired = true, helpText = "Help", options = options.Select(o => new { text = o }) }, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        }
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/v1/questionnaires/{id}/questions/order", new { questionIds = new[] { ids[4], ids[0] } }, Ct)).StatusCode);

        var questions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{id}/questions", Ct);
        Assert.Equal([ids[4], ids[0], ids[1], ids[2], ids[3]], questions.EnumerateArray().Select(q => q.GetProperty("id").GetGuid()));
        Assert.Equal(["Yes", "No"], questions[4].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("text").GetString()!));

        var dto = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{id}", Ct);
        var slug = dto.GetProperty("publicUrl").GetString();
        var choiceOption = questions[1].GetProperty("options")[0].GetProperty("id").GetGuid();
        var yes = questions[4].GetProperty("options")[0].GetProperty("id").GetGuid();
        var body = new
        {
            name = "Builder Test", email = QuestionnaireTestData.NewEmail(), phone = QuestionnaireTestData.NewPhone(),
            answers = new object[]
            {
                new { questionId = ids[0], optionId = choiceOption }, new { questionId = ids[1], text = "Hi" }, new { questionId = ids[2], rating = 0 },
                new { questionId = ids[3], optionId = yes }, new { questionId = ids[4], optionIds = new[] { questions[0].GetProperty("options")[1].GetProperty("id").GetGuid() } },
            },
        };
        Assert.Equal(HttpStatusCode.Created, (await (await App.ApiClientAsync(null)).PostAsJsonAsync($"/api/v1/public/questionnaires/{slug}/responses", body, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/v1/questionnaires/{id}/questions/{ids[0]}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/v1/questionnaires/{id}/questions/{ids[0]}/options/{choiceOption}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/v1/questionnaires/{id}/questions/{ids[0]}", new { question = "Renamed", type = "checkbox" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/questionnaires/{id}/questions/{ids[0]}", new { question = "Renamed", type = "multiple_choice" }, Ct)).StatusCode);
        var answer = await App.WithDbAsync(db => db.Set<QuestionnaireResponseAnswer>().SingleAsync(a => a.QuestionId == ids[0]));
        Assert.Equal("multiple_choice?", answer.QuestionText);

        var copy = await (await admin.PostAsync($"/api/v1/questionnaires/{id}/duplicate", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(5, copy.GetProperty("questions").GetArrayLength());
        Assert.False(copy.GetProperty("isActive").GetBoolean());
        Assert.NotEqual(slug, copy.GetProperty("publicUrl").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/questionnaires/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/questionnaires/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/questionnaires/{id}/restore", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Builder_screens_render_for_staff()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var staff = await App.ScreenClientAsync(UserRole.InternalStaff);
        foreach (var url in new[] { "/admin/questionnaires", $"/admin/questionnaires/edit/{sample.Id}", $"/admin/questionnaires/{sample.Id}/questions", $"/admin/questionnaires/{sample.Id}/preview", $"/admin/questionnaires/{sample.Id}/responses" })
        {
            Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url, Ct)).StatusCode);
        }
        var moved = await CrmApp.PostFormAsync(staff, $"/admin/questionnaires/{sample.Id}/questions?handler=Move&questionId={sample.RatingId}", new() { ["direction"] = "-1" }, $"/admin/questionnaires/{sample.Id}/questions");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var order = await App.WithDbAsync(db => db.Set<QuestionnaireQuestion>().Where(q => q.QuestionnaireId == sample.Id).OrderBy(q => q.SortOrder).Select(q => q.Id).ToListAsync());
        Assert.Equal([sample.ChoiceId, sample.RatingId, sample.TextId, sample.YesNoId, sample.CheckboxId], order);
    }
}

public sealed class AccessAndBuilderTestsOnSqlite(SqliteApp app) : AccessAndBuilderTests(app), IClassFixture<SqliteApp>;

public sealed class AccessAndBuilderTestsOnPostgres(PostgresApp app) : AccessAndBuilderTests(app), IClassFixture<PostgresApp>;
