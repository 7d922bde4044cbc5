using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using CrmPlatform.Assessments.Features;
using CrmPlatform.Assessments.Pages.Shared.Components.AssessmentResultsPart;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Display;
using CrmPlatform.Core.Security;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Assessments;

public abstract class ContactPartTests(CrmApp app) : IntegrationTest(app)
{
    private static ClaimsPrincipal As(string role) => new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()), new Claim(CrmClaims.Role, role)], "test"));

    [Fact]
    public async Task The_contact_page_part_lists_the_contacts_responses_for_staff_only()
    {
        var sample = await SampleAssessment.CreateAsync(App);
        var email = AssessmentTestData.NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await (await App.ApiClientAsync(null)).PostAsJsonAsync($"/api/v1/public/assessments/{sample.Slug}/responses", sample.Body(email), Ct)).StatusCode);
        var contactId = await App.WithDbAsync(db => db.Set<Contact>().Where(c => c.EmailId == email).Select(c => c.Id).SingleAsync());
        await using var scope = App.Services.CreateAsyncScope();
        var parts = scope.ServiceProvider.GetRequiredService<DisplayPartService>();

        Assert.Contains(await parts.ForAsync(DisplayTargets.Contact, As("internal_staff"), Ct), p => p.Title == "Assessment results");
        Assert.DoesNotContain(await parts.ForAsync(DisplayTargets.Contact, As("partner"), Ct), p => p.Title == "Assessment results");

        var component = new AssessmentResultsPartViewComponent(scope.ServiceProvider.GetRequiredService<ResponseQueries>())
        {
            ViewComponentContext = new ViewComponentContext { ViewContext = new ViewContext { HttpContext = new DefaultHttpContext() } },
        };
        var result = Assert.IsType<ViewViewComponentResult>(await component.InvokeAsync(new DisplayContext(DisplayTargets.Contact, contactId, As("internal_staff"))));
        var rows = Assert.IsAssignableFrom<IReadOnlyList<ResponseListItem>>(result.ViewData!.Model);
        Assert.Equal(("Driver", 17), (Assert.Single(rows).PersonalityType, rows[0].TotalScore));
    }
}

public sealed class ContactPartTestsOnSqlite(AssessmentsSqliteApp app) : ContactPartTests(app), IClassFixture<AssessmentsSqliteApp>;

public sealed class ContactPartTestsOnPostgres(AssessmentsPostgresApp app) : ContactPartTests(app), IClassFixture<AssessmentsPostgresApp>;
