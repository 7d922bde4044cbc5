using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Events;
using CrmPlatform.Questionnaires.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Questionnaires;

public abstract class PublicSubmitTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Visitor_fills_the_public_form_sees_the_thank_you_page_and_becomes_a_contact_with_one_row_per_checked_option()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var client = await App.ScreenClientAsync(null);
        var email = QuestionnaireTestData.NewEmail();
        var form = new Dictionary<string, string>
        {
            ["Name"] = "Form Visitor", ["Email"] = email.ToUpperInvariant(), ["Phone"] = QuestionnaireTestData.NewPhone(),
            ["q." + sample.ChoiceId.ToString("N")] = sample.ChoiceOptions[1].ToString(),
            ["q." + sample.RatingId.ToString("N")] = "5",
            ["q." + sample.YesNoId.ToString("N")] = sample.YesNoOptions[0].ToString(),
            ["q." + sample.TextId.ToString("N")] = "Nice",
        };
        var content = new List<KeyValuePair<string, string>>(form)
        {
            new("q." + sample.CheckboxId.ToString("N"), sample.CheckboxOptions[0].ToString()),
            new("q." + sample.CheckboxId.ToString("N"), sample.CheckboxOptions[1].ToString()),
        };

        var posted = await PostFormAsync(client, $"/q/{sample.Slug}", content);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Thank you", await client.GetStringAsync(posted.Headers.Location!.ToString(), Ct));
        var contact = await App.WithDbAsync(db => db.Set<Contact>().SingleAsync(c => c.EmailId == email));
        var answers = await App.WithDbAsync(db => db.Set<QuestionnaireResponseAnswer>().Where(a => a.Response!.ContactId == contact.Id).ToListAsync());
        Assert.Equal(6, answers.Count);
        Assert.Equal(["Reports", "Campaigns"], answers.Where(a => a.QuestionId == sample.CheckboxId).Select(a => a.OptionText!).Order().Reverse());
        Assert.Equal(5, answers.Single(a => a.QuestionId == sample.RatingId).RatingValue);
    }

    [Fact]
    public async Task Api_submission_stores_the_response_and_raises_questionnaire_submitted_with_an_answers_summary()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var client = await App.ApiClientAsync(null);

        var response = await client.PostAsJsonAsync(sample.SubmitUrl, sample.Body(QuestionnaireTestData.NewEmail()), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var payload = await App.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Type == "QuestionnaireSubmitted" && m.Payload.Contains(id.ToString())).Select(m => m.Payload).SingleAsync());
        Assert.Contains("Reports, Pipelines", payload);
        Assert.Contains("Great tool", payload);
    }

    public static TheoryData<string> BadInputs => ["other-question-option", "several-options-single-choice", "unknown-question", "oversized-text", "missing-required", "rating-out-of-range", "honeypot", "unknown-option"];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_clear_error_and_writes_nothing(string kind)
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var answers = sample.Answers();
        string? website = null;
        string field;
        switch (kind)
        {
            case "other-question-option": answers[0] = new { questionId = sample.ChoiceId, optionId = sample.CheckboxOptions[0] }; field = $"answers[{sample.ChoiceId}]"; break;
            case "several-options-single-choice": answers[0] = new { questionId = sample.ChoiceId, optionIds = sample.ChoiceOptions[..2] }; field = $"answers[{sample.ChoiceId}]"; break;
            case "unknown-question": answers.Add(new { questionId = Guid.NewGuid(), text = "?" }); field = "answers"; break;
            case "oversized-text": answers[^1] = new { questionId = sample.TextId, text = new string('x', 4001) }; field = $"answers[{sample.TextId}]"; break;
            case "missing-required": answers.RemoveAt(2); field = $"answers[{sample.YesNoId}]"; break;
            case "rating-out-of-range": answers[1] = new { questionId = sample.RatingId, rating = 6 }; field = $"answers[{sample.RatingId}]"; break;
            case "unknown-option": answers[3] = new { questionId = sample.CheckboxId, optionIds = new[] { Guid.NewGuid() } }; field = $"answers[{sample.CheckboxId}]"; break;
            default: website = "http://spam.example"; field = "website"; break;
        }
        var before = await QuestionnaireTestData.CountsAsync(App);

        var response = await (await App.ApiClientAsync(null)).PostAsJsonAsync(sample.SubmitUrl, sample.Body(QuestionnaireTestData.NewEmail(), answers, website: website), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for {field}: {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, await QuestionnaireTestData.CountsAsync(App));
    }

    [Fact]
    public async Task Skipping_a_required_question_on_the_form_shows_the_message_next_to_it_keeps_the_answers_and_writes_nothing()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var client = await App.ScreenClientAsync(null);
        var before = await QuestionnaireTestData.CountsAsync(App);

        var posted = await PostFormAsync(client, $"/q/{sample.Slug}", [
            new("Name", "Form Visitor"), new("Email", QuestionnaireTestData.NewEmail()), new("Phone", QuestionnaireTestData.NewPhone()),
            new("q." + sample.ChoiceId.ToString("N"), sample.ChoiceOptions[0].ToString()), new("q." + sample.RatingId.ToString("N"), "3"),
            new("q." + sample.TextId.ToString("N"), "<script>alert(1)</script>"),
        ]);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"id=\"q.{sample.YesNoId:N}-error\">This question is required.</div>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Equal(before, await QuestionnaireTestData.CountsAsync(App));
    }

    [Fact]
    public async Task A_script_in_a_text_answer_is_stored_as_written_and_rendered_encoded()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        const string script = "<script>alert('x')</script>";
        Assert.Equal(HttpStatusCode.Created, (await (await App.ApiClientAsync(null)).PostAsJsonAsync(sample.SubmitUrl, sample.Body(QuestionnaireTestData.NewEmail(), sample.Answers(text: script)), Ct)).StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Set<QuestionnaireResponseAnswer>().AnyAsync(a => a.AnswerText == script)));

        var staff = await App.ScreenClientAsync(CrmPlatform.Core.Users.UserRole.InternalStaff);
        foreach (var page in new[] { "summary", "responses" })
        {
            var html = await staff.GetStringAsync($"/admin/questionnaires/{sample.Id}/{page}", Ct);
            Assert.DoesNotContain(script, html);
            Assert.Contains("&lt;script&gt;", html);
        }
    }

    [Fact]
    public async Task A_double_submit_with_the_same_key_stores_one_response()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var client = await App.ApiClientAsync(null);
        var email = QuestionnaireTestData.NewEmail();
        var key = Guid.NewGuid().ToString("N");
        var body = sample.Body(email, key: key);

        var first = await client.PostAsJsonAsync(sample.SubmitUrl, body, Ct);
        var second = await client.PostAsJsonAsync(sample.SubmitUrl, body, Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<QuestionnaireResponse>().CountAsync(r => r.QuestionnaireId == sample.Id)));
        var stranger = await client.PostAsJsonAsync(sample.SubmitUrl, sample.Body(QuestionnaireTestData.NewEmail(), key: key), Ct);
        Assert.Equal(HttpStatusCode.Conflict, stranger.StatusCode);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_writes_nothing()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var client = await App.ScreenClientAsync(null);
        var before = await QuestionnaireTestData.CountsAsync(App);

        var response = await client.PostAsync($"/q/{sample.Slug}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "X", ["Email"] = QuestionnaireTestData.NewEmail() }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await QuestionnaireTestData.CountsAsync(App));
    }

    [Fact]
    public async Task An_inactive_or_deleted_questionnaire_answers_404()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        await App.WithDbAsync(db => db.Set<Questionnaire>().Where(q => q.Id == sample.Id).ExecuteUpdateAsync(s => s.SetProperty(q => q.IsActive, false)));
        var other = await SampleQuestionnaire.CreateAsync(App, isPublic: false);
        var client = await App.ApiClientAsync(null);

        App.Services.GetRequiredService<CrmPlatform.Questionnaires.Features.QuestionnaireDefinitions>().Invalidate(sample.Slug);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/q/{sample.Slug}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/q/{other.Slug}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync(other.SubmitUrl, other.Body(QuestionnaireTestData.NewEmail()), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/public/questionnaires/{Guid.NewGuid():N}", Ct)).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, List<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(url);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        fields.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}

public sealed class PublicSubmitTestsOnSqlite(SqliteApp app) : PublicSubmitTests(app), IClassFixture<SqliteApp>;

public sealed class PublicSubmitTestsOnPostgres(PostgresApp app) : PublicSubmitTests(app), IClassFixture<PostgresApp>;
