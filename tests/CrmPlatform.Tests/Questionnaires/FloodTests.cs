using System.Net;
using System.Net.Http.Json;
using CrmPlatform.Tests.Infrastructure;

namespace CrmPlatform.Tests.Questionnaires;

public abstract class FloodTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_flood_from_one_client_gets_429_and_the_refused_submissions_write_nothing()
    {
        var sample = await SampleQuestionnaire.CreateAsync(App);
        var client = await App.ApiClientAsync(null);
        var before = await QuestionnaireTestData.CountsAsync(App);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsJsonAsync(sample.SubmitUrl, sample.Body(QuestionnaireTestData.NewEmail()), Ct)).StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(before.Responses + 3, (await QuestionnaireTestData.CountsAsync(App)).Responses);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await (await App.ScreenClientAsync(null)).GetAsync($"/q/{sample.Slug}", Ct)).StatusCode);
    }
}

public sealed class FloodTestsOnSqlite(QuestionnaireFloodSqliteApp app) : FloodTests(app), IClassFixture<QuestionnaireFloodSqliteApp>;

public sealed class FloodTestsOnPostgres(QuestionnaireFloodPostgresApp app) : FloodTests(app), IClassFixture<QuestionnaireFloodPostgresApp>;
