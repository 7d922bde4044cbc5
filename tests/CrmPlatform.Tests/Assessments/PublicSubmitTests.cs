using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Assessments;

public abstract class PublicSubmitTests(CrmApp app) : IntegrationTest(app)
{
    private string Url(SampleAssessment a) => $"/api/v1/public/assessments/{a.Slug}/responses";

    [Fact]
    public async Task Visitor_submits_the_public_form_gets_a_result_and_a_new_contact_with_the_profile()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var client = await App.ScreenClientAsync(null);
        var email = AssessmentTestData.NewEmail();

        var posted = await CrmApp.PostFormAsync(client, $"/a/{sample.Slug}", sample.Form("  " + email.ToUpperInvariant() + " "));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var result = await client.GetStringAsync(posted.Headers.Location!.ToString(), Ct);
        Assert.Contains("17 / 17", result);
        Assert.Contains("Strong", result);
        Assert.Contains("Driver", result);
        await App.DrainEventsAsync();
        var contact = await App.WithDbAsync(db => db.Set<Contact>().SingleAsync(c => c.EmailId == email));
        Assert.Equal("Driver", contact.PersonalityType);
        Assert.Equal("Goal-oriented", contact.Traits);
        Assert.Equal("Achievement", contact.InnerDrives);
        Assert.Equal("Competitive", contact.Baselines);
        var response = await App.WithDbAsync(db => db.Set<AssessmentResponse>().SingleAsync(r => r.ContactId == contact.Id));
        Assert.Equal((17, 17, 100m, "Strong"), (response.TotalScore, response.MaxScore, response.Percentage, response.Ranking));
    }

    [Fact]
    public async Task Api_submission_matches_an_existing_contact_by_normalised_email_without_creating_one()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var email = AssessmentTestData.NewEmail();
        var existing = new Contact { Name = "Known Person", EmailId = email, ContactNo = AssessmentTestData.NewPhone(), Location = "Paris", PersonalityType = "Old" };
        existing.Normalize();
        await App.WithDbAsync(async db => { db.Add(existing); await db.SaveChangesAsync(); });
        var before = await AssessmentTestData.CountsAsync(App);
        var client = await App.ApiClientAsync(null);

        var response = await client.PostAsJsonAsync(Url(sample), sample.Body(" " + email.ToUpperInvariant(), phone: null), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(existing.Id, body.GetProperty("contactId").GetGuid());
        var after = await AssessmentTestData.CountsAsync(App);
        Assert.Equal(before.Contacts, after.Contacts);
        Assert.Equal(before.Responses + 1, after.Responses);
        await App.DrainEventsAsync();
        Assert.Equal("Driver", await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.Id == existing.Id).Select(c => c.PersonalityType).SingleAsync()));
    }

    public static TheoryData<string> BadInputs => ["unknown-option", "other-question-option", "rating-out-of-range", "oversized-text", "missing-answer", "missing-name", "missing-email", "invalid-email", "invalid-phone", "honeypot", "new-contact-without-phone"];

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_field_error_and_writes_nothing(string kind)
    {
        var sample = await SampleAssessment.CreateAsync(App, withEssay: true);
        var email = AssessmentTestData.NewEmail();
        var answers = sample.Answers();
        string? name = "Visitor", phone = AssessmentTestData.NewPhone(), website = null;
        string field;
        switch (kind)
        {
            case "unknown-option": answers[0] = new { questionId = sample.ChoiceId, optionId = Guid.NewGuid() }; field = $"answers[{sample.ChoiceId}]"; break;
            case "other-question-option": answers[0] = new { questionId = sample.ChoiceId, optionId = sample.TrueFalseOptions[1] }; field = $"answers[{sample.ChoiceId}]"; break;
            case "rating-out-of-range": answers[2] = new { questionId = sample.RatingId, rating = 6 }; field = $"answers[{sample.RatingId}]"; break;
            case "oversized-text": answers[3] = new { questionId = sample.EssayId, text = new string('x', 4001) }; field = $"answers[{sample.EssayId}]"; break;
            case "missing-answer": answers.RemoveAt(1); field = $"answers[{sample.TrueFalseId}]"; break;
            case "missing-name": name = " "; field = "name"; break;
            case "missing-email": email = ""; field = "email"; break;
            case "invalid-email": email = "not-an-email"; field = "email"; break;
            case "invalid-phone": phone = "12"; field = "phone"; break;
            case "honeypot": website = "http://spam.example"; field = "website"; break;
            default: phone = null; field = "phone"; break;
        }
        var before = await AssessmentTestData.CountsAsync(App);
        var client = await App.ApiClientAsync(null);

        var response = await client.PostAsJsonAsync(Url(sample), new { name, email, phone, website, answers }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
        Assert.Equal(before, await AssessmentTestData.CountsAsync(App));
    }

    [Fact]
    public async Task Form_with_a_missing_answer_shows_the_message_by_the_question_and_keeps_the_other_answers()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var client = await App.ScreenClientAsync(null);
        var fields = sample.Form(AssessmentTestData.NewEmail());
        fields.Remove("q." + sample.RatingId.ToString("N"));
        var before = await AssessmentTestData.CountsAsync(App);

        var response = await CrmApp.PostFormAsync(client, $"/a/{sample.Slug}", fields);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"id=\"q.{sample.RatingId:N}-error\">Please answer this question.", html);
        Assert.Contains($"value=\"{sample.ChoiceOptions[0]}\" checked=\"checked\"", html);
        Assert.Equal(before, await AssessmentTestData.CountsAsync(App));
    }

    [Fact]
    public async Task Form_posts_without_the_antiforgery_token_or_with_the_honeypot_filled_write_nothing()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var client = await App.ScreenClientAsync(null);
        var before = await AssessmentTestData.CountsAsync(App);

        var forged = await client.PostAsync($"/a/{sample.Slug}", new FormUrlEncodedContent(sample.Form(AssessmentTestData.NewEmail())), Ct);
        var fields = sample.Form(AssessmentTestData.NewEmail());
        fields["Website"] = "http://spam.example";
        var bot = await CrmApp.PostFormAsync(client, $"/a/{sample.Slug}", fields);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bot.StatusCode);
        Assert.Contains("The submission was refused.", await bot.Content.ReadAsStringAsync(Ct));
        Assert.Contains("class=\"crm-hp\"", await client.GetStringAsync($"/a/{sample.Slug}", Ct));
        Assert.Equal(before, await AssessmentTestData.CountsAsync(App));
    }

    [Fact]
    public async Task Script_in_an_answer_is_stored_as_typed_and_shown_encoded_to_staff()
    {
        var sample = await SampleAssessment.CreateAsync(App, withEssay: true);
        var anonymous = await App.ApiClientAsync(null);
        const string script = "<script>alert('x')</script>";

        var response = await anonymous.PostAsJsonAsync(Url(sample), sample.Body(AssessmentTestData.NewEmail(), essay: script), Ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        Assert.Equal(script, await App.WithDbAsync(db => db.Set<AssessmentResponseAnswer>().Where(a => a.ResponseId == id && a.QuestionId == sample.EssayId).Select(a => a.AnswerText).SingleAsync()));
        var staff = await App.ScreenClientAsync(Core.Users.UserRole.InternalStaff);
        var page = await staff.GetStringAsync($"/admin/assessments/responses/{id}", Ct);
        Assert.DoesNotContain(script, page);
        Assert.Contains("&lt;script&gt;", page);
        Assert.Contains("waiting for grading", page);
    }

    [Fact]
    public async Task A_double_submit_with_the_same_key_creates_one_response()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var client = await App.ApiClientAsync(null);
        var body = sample.Body(AssessmentTestData.NewEmail(), key: Guid.NewGuid().ToString("N"));
        var before = await AssessmentTestData.CountsAsync(App);

        var first = await client.PostAsJsonAsync(Url(sample), body, Ct);
        var second = await client.PostAsJsonAsync(Url(sample), body, Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid(), (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        Assert.Equal(before.Responses + 1, (await AssessmentTestData.CountsAsync(App)).Responses);
        var stranger = await client.PostAsJsonAsync(Url(sample), sample.Body(AssessmentTestData.NewEmail(), key: body.GetType().GetProperty("submissionKey")!.GetValue(body) as string), Ct);
        Assert.Equal(HttpStatusCode.Conflict, stranger.StatusCode);
        Assert.DoesNotContain("totalScore", await stranger.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Posting_the_same_form_twice_creates_one_response()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var client = await App.ScreenClientAsync(null);
        var page = await client.GetStringAsync($"/a/{sample.Slug}", Ct);
        var key = System.Text.RegularExpressions.Regex.Match(page, "name=\"SubmissionKey\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = sample.Form(AssessmentTestData.NewEmail());
        fields["SubmissionKey"] = key;
        var before = await AssessmentTestData.CountsAsync(App);

        var first = await CrmApp.PostFormAsync(client, $"/a/{sample.Slug}", new(fields));
        var second = await CrmApp.PostFormAsync(client, $"/a/{sample.Slug}", new(fields));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(before.Responses + 1, (await AssessmentTestData.CountsAsync(App)).Responses);
    }

    [Fact]
    public async Task Private_inactive_and_unknown_assessments_answer_404()
    {
        var hidden = await SampleAssessment.CreateAsync(App, isPublic: false);
        var client = await App.ScreenClientAsync(null);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/a/{hidden.Slug}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/a/no-such-slug", Ct)).StatusCode);
        var api = await App.ApiClientAsync(null);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync(Url(hidden), hidden.Body(AssessmentTestData.NewEmail()), Ct)).StatusCode);
    }
}

public sealed class PublicSubmitTestsOnSqlite(AssessmentsSqliteApp app) : PublicSubmitTests(app), IClassFixture<AssessmentsSqliteApp>;

public sealed class PublicSubmitTestsOnPostgres(AssessmentsPostgresApp app) : PublicSubmitTests(app), IClassFixture<AssessmentsPostgresApp>;
