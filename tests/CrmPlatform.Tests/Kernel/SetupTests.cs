using System.Net;
using CrmPlatform.Core.Data;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Kernel;

/// <summary>A host on an empty database with unattended setup off: the setup screen is the way in.</summary>
public sealed class FreshSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Setup:AutoSetup", "false");
    }
}

public sealed class SetupTests(FreshSqliteApp app) : IntegrationTest(app), IClassFixture<FreshSqliteApp>
{
    private static Dictionary<string, string> Form(string email = "owner@tests.local", string password = "Owner12345", string recipe = "setup", string provider = "Sqlite", string connectionString = "", string siteName = "Acme CRM") => new()
    {
        ["Input.SiteName"] = siteName,
        ["Input.AdminFirstName"] = "Olive",
        ["Input.AdminLastName"] = "Owner",
        ["Input.AdminEmail"] = email,
        ["Input.AdminPassword"] = password,
        ["Input.Recipe"] = recipe,
        ["Input.DatabaseProvider"] = provider,
        ["Input.ConnectionString"] = connectionString,
    };

    [Fact]
    public async Task Setup_validates_every_field_writes_nothing_on_error_then_sets_up_and_signs_in()
    {
        var client = await App.ScreenClientAsync(null);

        var start = await client.GetAsync("/", Ct);
        Assert.Equal("/setup", start.Headers.Location?.ToString());
        var api = await client.GetAsync("/api/v1/me", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);

        var cases = new (Dictionary<string, string> Form, string Message)[]
        {
            (Form(email: "not-an-email"), "Enter a valid email address."),
            (Form(email: ""), "Enter the administrator&#x27;s email."),
            (Form(password: "short"), "at least 10 characters"),
            (Form(password: "onlyletters-no-digits"), "digit"),
            (Form(siteName: ""), "Give the site a name."),
            (Form(siteName: new string('x', 101)), "Site name"),
            (Form(recipe: "../../etc/passwd"), "There is no recipe"),
            (Form(provider: "Oracle"), "Database"),
            (Form(provider: "PostgreSql"), "PostgreSQL needs a connection string."),
            (Form(provider: "PostgreSql", connectionString: "Host=127.0.0.1;Port=1;Timeout=2;Username=x;Password=y"), "Could not connect to the database"),
        };
        foreach (var (form, message) in cases)
        {
            var response = await CrmApp.PostFormAsync(client, "/setup", form);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{message}: {(int)response.StatusCode}");
            Assert.Contains(message, html);
            Assert.Equal(0, await App.WithDbAsync(db => db.Users.CountAsync(Ct)));
        }

        var script = await CrmApp.PostFormAsync(client, "/setup", Form(siteName: "<script>alert(1)</script>"));
        Assert.Equal(HttpStatusCode.Redirect, script.StatusCode);
        Assert.Equal("/admin", script.Headers.Location?.ToString());

        var dashboard = await client.GetStringAsync("/admin", Ct);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", dashboard);
        Assert.DoesNotContain("<script>alert(1)</script>", dashboard);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup", Ct)).StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(Ct)));
        Assert.True(await App.WithDbAsync(db => db.RolePermissions.AnyAsync(Ct)));
    }
}
