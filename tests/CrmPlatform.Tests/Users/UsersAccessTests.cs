using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Users;

/// <summary>Every users/roles/tokens endpoint and screen, for each role and anonymous: allowed succeeds, others are refused, never 500.</summary>
public abstract class UsersAccessTests(CrmApp app) : UsersTest(app)
{
    public static TheoryData<string> Callers => ["admin", "internal_staff", "partner", "lead", "anonymous"];

    private static readonly UserRole[] Everyone = [UserRole.Admin, UserRole.InternalStaff, UserRole.Partner, UserRole.Lead];
    private static readonly UserRole[] Viewers = [UserRole.Admin, UserRole.InternalStaff];
    private static readonly UserRole[] ApiUsers = [UserRole.Admin, UserRole.InternalStaff, UserRole.Partner];
    private static readonly UserRole[] Admins = [UserRole.Admin];

    [Theory, MemberData(nameof(Callers))]
    public async Task Api_answers_each_caller_by_its_permissions(string caller)
    {
        var anonymous = !UserRoles.TryParse(caller, out var role);
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (!anonymous)
        {
            (client, _) = await ApiAsAsync(role);
        }
        var target = await App.CreateUserAsync(UserRole.Partner);
        var calls = new List<string>();

        async Task<HttpResponseMessage> Expect(HttpMethod method, string url, object? body, UserRole[] allowed, HttpStatusCode success)
        {
            var response = await SendJsonAsync(client, method, url, body);
            var expected = anonymous ? HttpStatusCode.Unauthorized : allowed.Contains(role) ? success : HttpStatusCode.Forbidden;
            if (response.StatusCode != expected)
            {
                calls.Add($"{method} {url}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            }
            else if (!response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                calls.Add($"{method} {url}: {(int)response.StatusCode} without problem details");
            }
            return response;
        }

        await Expect(HttpMethod.Get, "/api/v1/users", null, Viewers, HttpStatusCode.OK);
        await Expect(HttpMethod.Get, "/api/v1/users?q=test&role=partner&active=true&sort=-email&limit=5", null, Viewers, HttpStatusCode.OK);
        await Expect(HttpMethod.Get, $"/api/v1/users/{target.Id}", null, Viewers, HttpStatusCode.OK);
        await Expect(HttpMethod.Post, "/api/v1/users", NewUser(), Admins, HttpStatusCode.Created);
        await Expect(HttpMethod.Put, $"/api/v1/users/{target.Id}", NewUser(target.Email, "partner"), Admins, HttpStatusCode.OK);
        await Expect(HttpMethod.Post, $"/api/v1/users/{target.Id}/deactivate", null, Admins, HttpStatusCode.OK);
        await Expect(HttpMethod.Post, $"/api/v1/users/{target.Id}/activate", null, Admins, HttpStatusCode.OK);

        var roles = await Expect(HttpMethod.Get, "/api/v1/roles", null, Admins, HttpStatusCode.OK);
        var partnerGrants = await PartnerGrantsAsync();
        await Expect(HttpMethod.Put, "/api/v1/roles/partner", new { permissions = role == UserRole.Admin ? partnerGrants : [] }, Admins, HttpStatusCode.OK);
        Assert.Equal(partnerGrants, await PartnerGrantsAsync());

        await Expect(HttpMethod.Get, "/api/v1/tokens", null, ApiUsers, HttpStatusCode.OK);
        var created = await Expect(HttpMethod.Post, "/api/v1/tokens", new { name = "matrix" }, ApiUsers, HttpStatusCode.Created);
        var tokenId = created.IsSuccessStatusCode ? (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetProperty("id").GetGuid() : Guid.NewGuid();
        await Expect(HttpMethod.Delete, $"/api/v1/tokens/{tokenId}", null, ApiUsers, HttpStatusCode.NoContent);

        await Expect(HttpMethod.Get, "/api/v1/account", null, Everyone, HttpStatusCode.OK);
        await Expect(HttpMethod.Put, "/api/v1/account", new { firstName = "Matrix", lastName = caller }, Everyone, HttpStatusCode.OK);
        await Expect(HttpMethod.Post, "/api/v1/account/password", new { currentPassword = CrmApp.DefaultPassword, newPassword = "AnotherPassw0rd" }, Everyone, HttpStatusCode.NoContent);

        Assert.True(calls.Count == 0, string.Join("\n", calls));
        Assert.True((await ReloadAsync(target.Id)).IsActive);
        _ = roles;
    }

    [Theory, MemberData(nameof(Callers))]
    public async Task Screens_answer_each_caller_by_its_permissions(string caller)
    {
        var anonymous = !UserRoles.TryParse(caller, out var role);
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (!anonymous)
        {
            (client, _) = await ScreenAsAsync(role);
        }
        var target = await App.CreateUserAsync(UserRole.Partner);
        var pages = new (string Url, UserRole[] Allowed)[]
        {
            ("/admin/users", Viewers),
            ("/admin/users?q=x&role=lead&active=false&sort=-created", Viewers),
            ("/admin/users/new", Admins),
            ($"/admin/users/{target.Id}", Admins),
            ("/admin/roles", Admins),
            ("/account", Everyone),
            ("/account/tokens", ApiUsers),
        };
        var failures = new List<string>();
        foreach (var (url, allowed) in pages)
        {
            var response = await client.GetAsync(url, Ct);
            var location = response.Headers.Location?.OriginalString ?? "";
            var ok = anonymous ? response.StatusCode == HttpStatusCode.Redirect && location.Contains("/login", StringComparison.Ordinal)
                : allowed.Contains(role) ? response.StatusCode == HttpStatusCode.OK
                : response.StatusCode == HttpStatusCode.Forbidden || (response.StatusCode == HttpStatusCode.Redirect && location.Contains("/access-denied", StringComparison.Ordinal));
            if (!ok)
            {
                failures.Add($"GET {url}: {(int)response.StatusCode} {location}");
            }
        }

        // Refused callers cannot change anything through the forms either.
        var grantsBefore = await PartnerGrantsAsync();
        var (usersBefore, tokensBefore) = (await UserCountAsync(), await TokenCountAsync());
        var posts = new (string Url, Dictionary<string, string> Fields, UserRole[] Allowed)[]
        {
            ($"/admin/users/{target.Id}?handler=Deactivate", [], Admins),
            ($"/admin/users/{target.Id}", new() { ["Input.Email"] = target.Email!, ["Input.FirstName"] = "X", ["Input.LastName"] = "Y", ["Input.Role"] = "admin" }, Admins),
            ("/admin/users/new", new() { ["Input.Email"] = UniqueEmail(), ["Input.FirstName"] = "X", ["Input.LastName"] = "Y", ["Input.Role"] = "admin", ["Input.Password"] = "Str0ngEnough1" }, Admins),
            ("/admin/roles", new() { ["role"] = "partner" }, Admins),
            ("/account/tokens", new() { ["Input.Name"] = "sneaky" }, ApiUsers),
        };
        foreach (var (url, fields, allowed) in posts.Where(p => anonymous || !p.Allowed.Contains(role)))
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest))
            {
                failures.Add($"POST {url}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        var stored = await ReloadAsync(target.Id);
        Assert.True(stored.IsActive && stored.Role == UserRole.Partner);
        Assert.Equal(grantsBefore, await PartnerGrantsAsync());
        Assert.Equal((usersBefore, tokensBefore), (await UserCountAsync(), await TokenCountAsync()));
    }

    private Task<List<string>> PartnerGrantsAsync() =>
        App.WithDbAsync(db => db.RolePermissions.Where(r => r.Role == UserRole.Partner).Select(r => r.Permission).OrderBy(p => p).ToListAsync(Ct));
}

public sealed class UsersAccessTestsOnSqlite(UsersSqliteApp app) : UsersAccessTests(app), IClassFixture<UsersSqliteApp>;

public sealed class UsersAccessTestsOnPostgres(UsersPostgresApp app) : UsersAccessTests(app), IClassFixture<UsersPostgresApp>;
