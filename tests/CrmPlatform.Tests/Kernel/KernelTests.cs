using System.Net;
using System.Net.Http.Json;
using CrmPlatform.Core.Auditing;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Kernel;

public abstract class KernelTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task Unattended_setup_creates_the_admin_who_can_sign_in_and_open_the_dashboard()
    {
        var client = await App.ScreenClientAsync(null);
        await CrmApp.SignInAsync(client, CrmApp.AdminEmail, CrmApp.AdminPassword);

        var dashboard = await client.GetStringAsync("/admin", Ct);

        Assert.Contains("Dashboard", dashboard);
        Assert.Contains("href=\"/admin/features\"", dashboard);
    }

    [Fact]
    public async Task Setup_screen_answers_404_once_the_site_is_set_up()
    {
        var client = await App.ScreenClientAsync(null);
        var response = await client.GetAsync("/setup", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Disabling_a_feature_hides_its_menu_and_routes_and_enabling_brings_them_back_without_restart()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var staffScreens = await App.ScreenClientAsync(UserRole.InternalStaff);
        var staffApi = await App.ApiClientAsync(UserRole.InternalStaff);
        Assert.Equal(HttpStatusCode.OK, (await staffApi.GetAsync("/api/v1/samples/ping", Ct)).StatusCode);
        Assert.Contains("Samples", await staffScreens.GetStringAsync("/admin", Ct));

        var disabled = await admin.PostAsync("/api/v1/features/CrmPlatform.Tests.Samples/disable", null, Ct);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await staffApi.GetAsync("/api/v1/samples/ping", Ct)).StatusCode);
        Assert.DoesNotContain("Samples", await staffScreens.GetStringAsync("/admin", Ct));

        var enabled = await admin.PostAsync("/api/v1/features/CrmPlatform.Tests.Samples/enable", null, Ct);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staffApi.GetAsync("/api/v1/samples/ping", Ct)).StatusCode);
        Assert.Contains("Samples", await staffScreens.GetStringAsync("/admin", Ct));
    }

    [Fact]
    public async Task A_platform_feature_cannot_be_disabled()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var response = await admin.PostAsync("/api/v1/features/CrmPlatform.Users/disable", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_feature_answers_404()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var response = await admin.PostAsync("/api/v1/features/No.Such.Feature/enable", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Api_rejects_missing_malformed_and_revoked_tokens_with_401()
    {
        var anonymous = await App.ApiClientAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me", Ct)).StatusCode);

        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me", Ct)).StatusCode);

        var user = await App.CreateUserAsync(UserRole.InternalStaff);
        var secret = await App.CreateTokenAsync(user.Id);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/me", Ct)).StatusCode);

        await App.WithDbAsync(db => db.ApiTokens.Where(t => t.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, DateTime.UtcNow), Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_does_not_accept_the_screen_cookie()
    {
        var screens = await App.ScreenClientAsync(UserRole.Admin);
        var response = await screens.GetAsync("/api/v1/me", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Me_lists_the_permissions_of_the_callers_role()
    {
        var partner = await App.ApiClientAsync(UserRole.Partner);
        var me = await partner.GetFromJsonAsync<MeResponse>("/api/v1/me", Ct);
        Assert.Equal("partner", me!.Role);
        Assert.Contains("Admin.Access", me.Permissions);
        Assert.DoesNotContain("Features.Manage", me.Permissions);
    }

    private sealed record MeResponse(Guid Id, string Email, string Role, string[] Permissions);

    [Fact]
    public async Task Changes_to_audited_records_are_logged_with_who_and_which_fields()
    {
        var user = await App.CreateUserAsync(UserRole.Partner);
        await App.WithDbAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id, Ct);
            stored.Company = "Audited Ltd";
            db.ActingUserId = Guid.Empty;
            await db.SaveChangesAsync(Ct);
        });

        var entries = await App.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == nameof(User) && a.EntityId == user.Id.ToString()).OrderBy(a => a.Id).ToListAsync(Ct));

        Assert.Equal(["created", "updated"], entries.Select(e => e.Action));
        Assert.Contains("Audited Ltd", entries[1].Changes);
        Assert.DoesNotContain("PasswordHash", entries[0].Changes);
        Assert.Equal(Guid.Empty, entries[1].UserId);
    }

    [Fact]
    public async Task Timestamps_are_set_by_the_context_and_created_at_never_changes()
    {
        var user = await App.CreateUserAsync(UserRole.Lead);
        var before = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, Ct));
        await App.WithDbAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id, Ct);
            stored.CreatedAt = DateTime.UnixEpoch;
            stored.Designation = "Changed";
            await db.SaveChangesAsync(Ct);
        });
        var after = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, Ct));

        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.True(after.UpdatedAt >= before.UpdatedAt);
        Assert.Equal(DateTimeKind.Utc, after.CreatedAt.Kind);
        Assert.Equal(7, user.Id.Version);
    }

    [Fact]
    public async Task Health_reports_the_database_and_the_workers()
    {
        var client = await App.ApiClientAsync(null);
        var response = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["workers"]);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api()
    {
        var client = await App.ApiClientAsync(null);
        var document = await client.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/features", document);
        Assert.Contains("/api/v1/me", document);
    }

    [Fact]
    public async Task Unknown_api_route_answers_problem_details()
    {
        var client = await App.ApiClientAsync(UserRole.Admin);
        var response = await client.GetAsync("/api/v1/nothing-here", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class KernelTestsOnSqlite(SqliteApp app) : KernelTests(app), IClassFixture<SqliteApp>;

public sealed class KernelTestsOnPostgres(PostgresApp app) : KernelTests(app), IClassFixture<PostgresApp>;

/// <summary>A host with the production sign-in limit, to prove floods get 429 (not the framework's default 503).</summary>
public sealed class ThrottledSqliteApp : SqliteApp
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "3");
    }
}

public sealed class SecurityBaselineTests(ThrottledSqliteApp app) : IntegrationTest(app), IClassFixture<ThrottledSqliteApp>
{
    [Fact]
    public async Task Repeated_sign_in_attempts_from_one_client_get_429_with_retry_after()
    {
        var client = await App.ScreenClientAsync(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@y.z", ["Input.Password"] = "wrong" }), Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.Contains("Retry-After"));
            }
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(HttpStatusCode.ServiceUnavailable, statuses);
    }

    [Theory]
    [InlineData("/forgot-password")]
    [InlineData("/reset-password")]
    [InlineData("/login/two-factor")]
    public async Task Password_reset_and_the_two_factor_step_share_the_sign_in_rate_limit(string path)
    {
        var client = await App.ScreenClientAsync(null);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@y.z", ["Input.Code"] = "123456" }), Ct)).StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
    }

    [Fact]
    public void Invalid_settings_stop_start_up_with_one_clear_message_each()
    {
        var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Oracle",
            ["RateLimits:SignIn:PermitLimit"] = "ten",
            ["ReverseProxy:KnownProxies:0"] = "proxy.internal",
            ["Site:BaseUrl"] = "crm.example.com",
            ["Mail:From"] = "not an address",
            ["Setup:AutoSetup"] = "true",
        }).Build();
        var errors = Core.Operations.ConfigurationValidator.Validate(configuration);
        Assert.Contains(errors, e => e.StartsWith("Database:Provider is 'Oracle'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("RateLimits:SignIn:PermitLimit is 'ten'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ReverseProxy:KnownProxies:0 is 'proxy.internal'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Site:BaseUrl is 'crm.example.com'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Mail:From is 'not an address'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Setup:AdminEmail is empty", StringComparison.Ordinal));
        var thrown = Assert.Throws<InvalidOperationException>(() => Core.Operations.ConfigurationValidator.ThrowIfInvalid(configuration));
        Assert.Contains("Database:Provider", thrown.Message);

        var valid = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = "Host=db", ["ReverseProxy:KnownProxies:0"] = "10.0.0.2", ["Site:BaseUrl"] = "https://crm.example.com",
        }).Build();
        Assert.Empty(Core.Operations.ConfigurationValidator.Validate(valid));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_a_nonce_based_script_policy()
    {
        var client = await App.ScreenClientAsync(null);
        var response = await client.GetAsync("/login", Ct);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' 'nonce-", csp);
        Assert.DoesNotContain("unsafe-inline' 'nonce", csp);
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());

        var api = await client.GetAsync("/api/v1/me", Ct);
        Assert.True(api.Headers.Contains("Content-Security-Policy"));
    }
}
