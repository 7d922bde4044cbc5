using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using CrmPlatform.Workflows.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Workflows;

public abstract class AdminAndApiTests(CrmApp app) : IntegrationTest(app)
{
    [Theory]
    [InlineData(UserRole.Admin, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData(UserRole.InternalStaff, HttpStatusCode.Forbidden, HttpStatusCode.OK)]
    [InlineData(UserRole.Partner, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData(UserRole.Lead, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task Roles_reach_workflow_types_and_instances_as_their_permissions_say(UserRole role, HttpStatusCode types, HttpStatusCode instances)
    {
        using var client = await App.ApiClientAsync(role);
        Assert.Equal(types, (await client.GetAsync("/api/v1/workflows", Ct)).StatusCode);
        Assert.Equal(instances, (await client.GetAsync("/api/v1/workflows/instances", Ct)).StatusCode);
    }

    [Fact]
    public async Task Internal_staff_see_the_instances_screen_but_not_the_editor()
    {
        using var client = await App.ScreenClientAsync(UserRole.InternalStaff);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/workflows/instances", Ct)).StatusCode);
        var editor = await client.GetAsync("/admin/workflows/edit", Ct);
        Assert.Contains("/access-denied", editor.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_workflow_posted_to_the_api_is_a_validation_problem_listing_the_fields()
    {
        using var client = await App.ApiClientAsync(UserRole.Admin);
        var definition = new WorkflowBuilder(nameof(SampleStatusChanged)).Then("x", "Teleport").Build();

        var response = await client.PostAsJsonAsync("/api/v1/workflows", definition, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("activities.x.type", out _));
    }

    [Fact]
    public async Task Malformed_json_is_answered_with_a_problem()
    {
        using var client = await App.ApiClientAsync(UserRole.Admin);
        var response = await client.PostAsync("/api/v1/workflows", new StringContent("{ \"name\": ", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_workflow_is_created_exported_imported_and_toggled_through_the_api()
    {
        using var client = await App.ApiClientAsync(UserRole.Admin);
        var definition = new WorkflowBuilder(nameof(SampleStatusChanged)).Then("log", "Log", ("Message", "{{ Event.Status }}")).Build(enabled: false);
        var created = await client.PostAsJsonAsync("/api/v1/workflows", definition, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/workflows/{id}/enable", null, Ct)).StatusCode);
        var exported = await client.GetFromJsonAsync<WorkflowDefinition>($"/api/v1/workflows/{id}/export", Ct);
        Assert.True(exported!.Enabled);
        var reimported = await client.PostAsJsonAsync("/api/v1/workflows/import", exported with { Description = "again" }, Ct);
        Assert.Equal(HttpStatusCode.OK, reimported.StatusCode);
        Assert.Equal(id, (await reimported.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());

        var missing = await client.PostAsync($"/api/v1/workflows/instances/{Guid.NewGuid()}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_admin_builds_a_workflow_in_the_editor_and_sees_validation_next_to_the_field()
    {
        using var client = await App.ScreenClientAsync(UserRole.Admin);
        var page = await Post(client, "/admin/workflows/edit", new() { ["op"] = "add", ["addType"] = nameof(SampleStatusChanged), ["Name"] = "" });
        Assert.Contains("samplestatuschanged1", page, StringComparison.Ordinal);
        page = await Post(client, "/admin/workflows/edit", new() { ["op"] = "add", ["addType"] = "Log", ["Draft"] = Draft(page) });
        page = await Post(client, "/admin/workflows/edit", new() { ["op"] = "connect", ["connectFrom"] = "samplestatuschanged1|Done", ["connectTo"] = "log1", ["Draft"] = Draft(page), ["p.log1.Message"] = "{{ Event.Status" });
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        Assert.Contains("invalid Liquid", page, StringComparison.Ordinal);

        var name = $"editor-{Guid.NewGuid():N}";
        var saved = await CrmApp.PostFormAsync(client, "/admin/workflows/edit", new() { ["op"] = "save", ["Name"] = name, ["Enabled"] = "true", ["Draft"] = Draft(page), ["p.log1.Message"] = "Status {{ Event.Status }}" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await client.GetStringAsync("/admin/workflows", Ct);
        Assert.Contains(name, list, StringComparison.Ordinal);
    }

    private static async Task<string> Post(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var response = await CrmApp.PostFormAsync(client, url, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Draft(string page) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"Draft\" value=\"([^\"]*)\"").Groups[1].Value);
}

public sealed class AdminAndApiTestsOnSqlite(SqliteApp app) : AdminAndApiTests(app), IClassFixture<SqliteApp>;

public sealed class AdminAndApiTestsOnPostgres(PostgresApp app) : AdminAndApiTests(app), IClassFixture<PostgresApp>;

public sealed class NotificationAndEmailTests(SqliteApp app) : IntegrationTest(app), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_workflow_notifies_a_user_and_sends_an_email_file()
    {
        var subject = $"Welcome {Guid.NewGuid():N}";
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder("ManualTrigger")
            .Then("notify", "NotifyUser", ("User", CrmApp.AdminEmail), ("Title", "Hello {{ Variables.name }}"), ("Body", "From a workflow"))
            .Then("mail", "SendEmail", ("To", "{{ Variables.email }}"), ("Subject", subject), ("Body", "Hi {{ Variables.name }}"))
            .Build());
        using var api = await App.ApiClientAsync(UserRole.Admin);

        var response = await api.PostAsJsonAsync($"/api/v1/workflows/{type.Id}/trigger", new { variables = new { name = "Ada", email = "ada@example.com" } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var screen = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CrmApp.SignInAsync(screen, CrmApp.AdminEmail, CrmApp.AdminPassword);
        Assert.Contains("Hello Ada", await screen.GetStringAsync("/admin/workflows/notifications", Ct), StringComparison.Ordinal);
        var folder = Path.Combine(App.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Storage:Root"]!, "mail");
        Assert.Contains(Directory.GetFiles(folder, "*.eml"), f => File.ReadAllText(f).Contains(subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_waiting_instance_can_be_cancelled_and_no_longer_resumes()
    {
        var id = Guid.NewGuid();
        var type = await App.CreateWorkflowAsync(new WorkflowBuilder(nameof(SampleStatusChanged), ("Match", $"Id = {id}"))
            .Then("wait", "WaitForEvent", ("Event", nameof(SampleStatusChanged)))
            .Then("record", "RecordMarker", ("Key", "{{ Event.Id }}"))
            .Build());
        await App.RaiseAsync(new SampleStatusChanged(id, "open"));
        var instance = Assert.Single(await App.InstancesOfAsync(type.Id));
        using var api = await App.ApiClientAsync(UserRole.Admin);

        var cancelled = await api.PostAsync($"/api/v1/workflows/instances/{instance.Instance.Id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/workflows/instances/{instance.Instance.Id}/retry", null, Ct)).StatusCode);

        await App.RaiseAsync(new SampleStatusChanged(Guid.NewGuid(), "other"));
        Assert.Equal("cancelled", Assert.Single(await App.InstancesOfAsync(type.Id)).Instance.Status);
        Assert.False(RecordMarkerTask.Records.ContainsKey(id.ToString()));
    }
}
