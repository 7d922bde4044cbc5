using System.Net;
using System.Net.Http.Json;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CrmPlatform.Tests.Assessments;

/// <summary>A host whose public-form limit is 3 a minute, so a flood from one client is refused quickly.</summary>
public sealed class FloodSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PublicForms:PermitLimit", "3");
    }
}

public sealed class FloodPostgresApp : PostgresApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PublicForms:PermitLimit", "3");
    }
}

public abstract class FloodTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_flood_from_one_client_gets_429_and_the_refused_submissions_write_nothing()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var client = await App.ApiClientAsync(null);
        var before = await AssessmentTestData.CountsAsync(App);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/public/assessments/{sample.Slug}/responses", sample.Body(AssessmentTestData.NewEmail()), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(before.Responses + 3, (await AssessmentTestData.CountsAsync(App)).Responses);
        var page = await (await App.ScreenClientAsync(null)).GetAsync($"/a/{sample.Slug}", Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }
}

public sealed class FloodTestsOnSqlite(FloodSqliteApp app) : FloodTests(app), IClassFixture<FloodSqliteApp>;

public sealed class FloodTestsOnPostgres(FloodPostgresApp app) : FloodTests(app), IClassFixture<FloodPostgresApp>;
