using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Questionnaires;

public abstract class SummaryAndExportTests(CrmApp app) : IntegrationTest(app)
{
    /// <summary>
    /// Four responses: plans Basic, Pro, Basic, Enterprise; ratings 4, 5, 2, 5; yes, no, yes, yes; features
    /// {Reports, Pipelines}, {Reports}, {}, {Campaigns, Pipelines}; texts "Great tool", "-2 stars", none, "=1+2".
    /// </summary>
    private async Task<(SampleQuestionnaire Sample, string[] Emails)> KnownDataAsync()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var client = await App.ApiClientAsync(null);
        var emails = Enumerable.Range(0, 4).Select(_ => QuestionnaireTestData.NewEmail()).ToArray();
        var answers = new[]
        {
            sample.Answers(0, "Great tool", 4, 0, [0, 2]),
            sample.Answers(1, "-2 stars", 5, 1, [0]),
            sample.Answers(0, null, 2, 0, []),
            sample.Answers(2, "=1+2", 5, 0, [1, 2]),
        };
        for (var i = 0; i < 4; i++)
        {
            var response = await client.PostAsJsonAsync(sample.SubmitUrl, sample.Body(emails[i], answers[i], name: i == 3 ? "@cmd" : "Respondent " + i), Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        return (sample, emails);
    }

    [Fact]
    public async Task The_summary_counts_options_averages_ratings_splits_yes_no_and_lists_texts_for_a_known_data_set()
    {
        var (sample, _) = await KnownDataAsync();
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);

        var summary = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{sample.Id}/summary", Ct);

        Assert.Equal(4, summary.GetProperty("responses").GetInt32());
        var questions = summary.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("id").GetGuid());
        Assert.Equal([2, 1, 1], Counts(questions[sample.ChoiceId]));
        Assert.Equal([3, 1], Counts(questions[sample.YesNoId]));
        Assert.Equal([2, 1, 2], Counts(questions[sample.CheckboxId]));
        Assert.Equal(3, questions[sample.CheckboxId].GetProperty("answered").GetInt32());
        var rating = questions[sample.RatingId].GetProperty("rating");
        Assert.Equal(4.0, rating.GetProperty("average").GetDouble());
        Assert.Equal([0, 1, 0, 1, 2], rating.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(3, questions[sample.TextId].GetProperty("texts").GetArrayLength());

        var searched = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{sample.Id}/summary?search=STARS", Ct);
        var texts = searched.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetGuid() == sample.TextId).GetProperty("texts");
        Assert.Equal("-2 stars", Assert.Single(texts.EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_running_totals_match_the_aggregate_over_the_answers_and_a_repeat_or_refused_submission_adds_nothing()
    {
        var (sample, emails) = await KnownDataAsync();
        var visitor = await App.ApiClientAsync(null);
        var keyed = sample.Body(QuestionnaireTestData.NewEmail(), sample.Answers(1, "Keyed", 3, 1, [0, 1, 2]), key: "totals-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(HttpStatusCode.Created, (await visitor.PostAsJsonAsync(sample.SubmitUrl, keyed, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsJsonAsync(sample.SubmitUrl, keyed, Ct)).StatusCode);
        var refused = await visitor.PostAsJsonAsync(sample.SubmitUrl, sample.Body(emails[0], sample.Answers(0, new string('x', 5000), 4, 0, [0])), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);

        // Unfiltered reads the running totals; a date range that holds every response takes the aggregate path.
        var totals = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{sample.Id}/summary", Ct);
        var aggregate = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{sample.Id}/summary?from=2000-01-01", Ct);

        Assert.Equal(5, totals.GetProperty("responses").GetInt32());
        Assert.Equal(5, aggregate.GetProperty("responses").GetInt32());
        static string Figures(JsonElement summary) => string.Join(" | ", summary.GetProperty("questions").EnumerateArray().Select(q =>
            $"{q.GetProperty("id").GetGuid()}: {q.GetProperty("answered").GetInt32()} [{string.Join(",", Counts(q))}] {(q.GetProperty("rating").ValueKind == JsonValueKind.Object ? q.GetProperty("rating").GetRawText() : "")}"));
        Assert.Equal(Figures(aggregate), Figures(totals));
        var checkbox = totals.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetGuid() == sample.CheckboxId);
        Assert.Equal([3, 2, 3], Counts(checkbox));
        Assert.Equal(4, checkbox.GetProperty("answered").GetInt32());
    }

    [Fact]
    public async Task Filters_by_date_range_and_contact_category_narrow_the_summary_and_the_list()
    {
        var (sample, emails) = await KnownDataAsync();
        var category = new ContactCategory { Name = "VIP " + Guid.NewGuid().ToString("N")[..6] };
        category.NormalizedName = ContactCategory.Normalize(category.Name);
        await App.WithDbAsync(async db =>
        {
            db.Add(category);
            await db.SaveChangesAsync();
            await db.Set<Contact>().Where(c => c.EmailId == emails[1] || c.EmailId == emails[3]).ExecuteUpdateAsync(s => s.SetProperty(c => c.CategoryId, category.Id));
        });
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd");

        var byCategory = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{sample.Id}/summary?categoryId={category.Id}", Ct);
        var future = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{sample.Id}/summary?from={tomorrow}", Ct);
        var todayOnly = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{sample.Id}/summary?from={today}&to={today}", Ct);
        var list = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/questionnaires/{sample.Id}/responses?categoryId={category.Id}", Ct);

        Assert.Equal(2, byCategory.GetProperty("responses").GetInt32());
        var choice = byCategory.GetProperty("questions").EnumerateArray().Single(q => q.GetProperty("id").GetGuid() == sample.ChoiceId);
        Assert.Equal([0, 1, 1], Counts(choice));
        Assert.Equal(0, future.GetProperty("responses").GetInt32());
        Assert.Equal(4, todayOnly.GetProperty("responses").GetInt32());
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_csv_export_has_a_row_per_response_a_column_per_question_joined_checkboxes_and_escaped_formulas()
    {
        var (sample, emails) = await KnownDataAsync();
        var staff = await App.ScreenClientAsync(UserRole.InternalStaff);

        var response = await staff.GetAsync($"/admin/questionnaires/{sample.Id}/export", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal("responseId,submittedAt,contactName,contactEmail,Which plan do you use?,Anything else?,How satisfied are you?,Would you recommend us?,Which features do you use?", lines[0]);
        Assert.EndsWith($"Respondent 0,{emails[0]},Basic,Great tool,4,Yes,Reports; Pipelines", lines[1]);
        Assert.EndsWith($"Respondent 2,{emails[2]},Basic,,2,Yes,", lines[3]);
        Assert.Contains("'-2 stars", lines[2]);
        Assert.Contains("'@cmd", lines[4]);
        Assert.Contains("'=1+2", lines[4]);
        Assert.DoesNotContain(",=1+2", lines[4]);
    }

    [Fact]
    public async Task The_summary_page_renders_a_chart_per_choice_and_rating_question_with_the_counts()
    {
        var (sample, _) = await KnownDataAsync();
        var staff = await App.ScreenClientAsync(UserRole.InternalStaff);

        var html = await staff.GetStringAsync($"/admin/questionnaires/{sample.Id}/summary", Ct);

        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(html, "<canvas data-chart="));
        Assert.Contains("<strong>4</strong> responses", html);
        Assert.Contains("4.00", html);
        Assert.Contains("Export CSV", html);
    }

    private static int[] Counts(JsonElement question) => [.. question.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("count").GetInt32())];
}

public sealed class SummaryAndExportTestsOnSqlite(SqliteApp app) : SummaryAndExportTests(app), IClassFixture<SqliteApp>;

public sealed class SummaryAndExportTestsOnPostgres(PostgresApp app) : SummaryAndExportTests(app), IClassFixture<PostgresApp>;
