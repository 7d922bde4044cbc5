using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Tests.Users;

/// <summary>Role grants, the own-password change and personal API tokens.</summary>
public abstract class RolesAndAccountTests(CrmApp app) : UsersTest(app)
{
    private Task<int> GrantCountAsync() => App.WithDbAsync(db => db.RolePermissions.CountAsync(Ct));

    [Theory]
    [InlineData("/api/v1/roles/superuser", """{"permissions":[]}""", "role")]
    [InlineData("/api/v1/roles/admin", """{"permissions":[]}""", "role")]
    [InlineData("/api/v1/roles/partner", """{"permissions":["Users.View","No.Such"]}""", "permissions")]
    [InlineData("/api/v1/roles/partner", """{"permissions":[null]}""", "permissions")]
    [InlineData("/api/v1/roles/partner", "{}", "permissions")]
    public async Task Bad_role_grants_are_400_problems_and_change_nothing(string url, string json, string field)
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        var before = await GrantCountAsync();
        Assert.Contains(field, await ProblemFieldsAsync(await SendRawAsync(admin, HttpMethod.Put, url, json)));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendRawAsync(admin, HttpMethod.Put, "/api/v1/roles/partner", """{"permissions":"Users.View"}""")).StatusCode);
        Assert.Equal(before, await GrantCountAsync());
    }

    [Fact]
    public async Task Roles_list_admin_as_fixed_with_every_permission()
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        var roles = await admin.GetFromJsonAsync<JsonElement>("/api/v1/roles", Ct);
        var adminRole = roles.EnumerateArray().Single(r => r.GetProperty("role").GetString() == "admin");
        Assert.False(adminRole.GetProperty("editable").GetBoolean());
        Assert.Contains("Roles.Manage", adminRole.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(["admin", "internal_staff", "partner", "lead"], roles.EnumerateArray().Select(r => r.GetProperty("role").GetString()));

        var (screens, _) = await ScreenAsAsync(UserRole.Admin);
        var page = await screens.GetStringAsync("/admin/roles", Ct);
        Assert.Matches("id=\"admin-Roles-Manage\"\\s+checked=\"checked\" disabled=\"disabled\"", page);
        Assert.Matches("id=\"lead-Roles-Manage\"\\s+/>", page);
        Assert.Contains("Fixed", page);
        Assert.Contains("<legend class=\"h6 text-uppercase text-secondary small\">Users</legend>", page);
    }

    [Fact]
    public async Task Saving_a_roles_grants_on_the_screen_takes_effect_at_once()
    {
        var (screens, _) = await ScreenAsAsync(UserRole.Admin);
        var (partner, _) = await ApiAsAsync(UserRole.Partner);
        var original = await App.WithDbAsync(db => db.RolePermissions.Where(r => r.Role == UserRole.Partner).Select(r => r.Permission).ToListAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/v1/users", Ct)).StatusCode);
        try
        {
            var form = new List<KeyValuePair<string, string>> { new("role", "partner") };
            form.AddRange(original.Append("Users.View").Select(p => new KeyValuePair<string, string>("permissions", p)));
            var page = await screens.GetStringAsync("/admin/roles", Ct);
            var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
            form.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
            var saved = await screens.PostAsync("/admin/roles", new FormUrlEncodedContent(form), Ct);

            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/v1/users", Ct)).StatusCode);
        }
        finally
        {
            var (admin, _) = await ApiAsAsync(UserRole.Admin);
            var restored = await SendJsonAsync(admin, HttpMethod.Put, "/api/v1/roles/partner", new { permissions = original });
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/v1/users", Ct)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_own_password_checks_the_current_one_and_keeps_the_session()
    {
        var (client, user) = await ScreenAsAsync(UserRole.Lead);

        var wrong = await CrmApp.PostFormAsync(client, "/account", new() { ["Input.CurrentPassword"] = "not-my-password1", ["Input.NewPassword"] = "BrandNewPassw0rd" });
        Assert.Equal("The current password is not right.", FieldMessage(await wrong.Content.ReadAsStringAsync(Ct), "Input.CurrentPassword"));
        var weak = await CrmApp.PostFormAsync(client, "/account", new() { ["Input.CurrentPassword"] = CrmApp.DefaultPassword, ["Input.NewPassword"] = "short" });
        Assert.Contains("10 characters", FieldMessage(await weak.Content.ReadAsStringAsync(Ct), "Input.NewPassword"));
        var stamp = (await ReloadAsync(user.Id)).SecurityStamp;

        var changed = await CrmApp.PostFormAsync(client, "/account", new() { ["Input.CurrentPassword"] = CrmApp.DefaultPassword, ["Input.NewPassword"] = "BrandNewPassw0rd" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.NotEqual(stamp, (await ReloadAsync(user.Id)).SecurityStamp);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account", Ct)).StatusCode);
        var fresh = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CrmApp.SignInAsync(fresh, user.Email!, "BrandNewPassw0rd");
    }

    [Fact]
    public async Task A_user_edits_their_own_details_but_not_their_email_or_role()
    {
        var (client, user) = await ScreenAsAsync(UserRole.Lead);
        var bad = await CrmApp.PostFormAsync(client, "/account?handler=Profile", new() { ["Details.FirstName"] = " ", ["Details.LastName"] = "Lee", ["Details.Phone"] = "not a phone!" }, "/account");
        var html = await bad.Content.ReadAsStringAsync(Ct);
        Assert.Equal("Enter a first name.", FieldMessage(html, "Details.FirstName"));
        Assert.Equal("Enter a valid phone number.", FieldMessage(html, "Details.Phone"));
        Assert.Equal("Test", (await ReloadAsync(user.Id)).FirstName);

        var saved = await CrmApp.PostFormAsync(client, "/account?handler=Profile", new()
        {
            ["Details.FirstName"] = "Lia", ["Details.LastName"] = "Lee", ["Details.Company"] = "Acme",
            ["Details.Email"] = "hijack@tests.local", ["Details.Role"] = "admin", ["Email"] = "hijack@tests.local", ["Role"] = "admin",
        }, "/account");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await ReloadAsync(user.Id);
        Assert.Equal(("Lia", "Lee", "Acme"), (stored.FirstName, stored.LastName, stored.Company));
        Assert.Equal((user.Email, UserRole.Lead), (stored.Email, stored.Role));
        Assert.Contains("Lia Lee", await client.GetStringAsync("/account", Ct));

        var (api, apiUser) = await ApiAsAsync(UserRole.Partner);
        Assert.Contains("lastName", await ProblemFieldsAsync(await SendJsonAsync(api, HttpMethod.Put, "/api/v1/account", new { firstName = "Only" })));
        var updated = await SendJsonAsync(api, HttpMethod.Put, "/api/v1/account", new { firstName = "Pat", lastName = "Ner", role = "admin", email = "x@y.z" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal((UserRole.Partner, apiUser.Email), ((await ReloadAsync(apiUser.Id)).Role, (await ReloadAsync(apiUser.Id)).Email));
    }

    [Fact]
    public async Task Api_password_change_reports_fields_and_writes_nothing_on_error()
    {
        var (client, user) = await ApiAsAsync(UserRole.Partner);
        var hash = (await ReloadAsync(user.Id)).PasswordHash;
        Assert.Contains("currentPassword", await ProblemFieldsAsync(await SendJsonAsync(client, HttpMethod.Post, "/api/v1/account/password", new { currentPassword = "wrong-password-1", newPassword = "BrandNewPassw0rd" })));
        Assert.Contains("newPassword", await ProblemFieldsAsync(await SendJsonAsync(client, HttpMethod.Post, "/api/v1/account/password", new { currentPassword = CrmApp.DefaultPassword, newPassword = "alllowercaseletters" })));
        Assert.Contains("newPassword", await ProblemFieldsAsync(await SendJsonAsync(client, HttpMethod.Post, "/api/v1/account/password", new { currentPassword = CrmApp.DefaultPassword })));
        Assert.Equal(hash, (await ReloadAsync(user.Id)).PasswordHash);
    }

    [Fact]
    public async Task A_token_created_on_the_screen_is_shown_once_stored_hashed_and_revocable()
    {
        var (client, user) = await ScreenAsAsync(UserRole.Partner);

        var created = await CrmApp.PostFormAsync(client, "/account/tokens", new() { ["Input.Name"] = "Nightly <export>", ["Input.ExpiresAt"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd") });
        var html = await created.Content.ReadAsStringAsync(Ct);
        var secret = System.Text.RegularExpressions.Regex.Match(html, "id=\"new-token-secret\">(crm_[^<]+)<").Groups[1].Value;
        Assert.StartsWith("crm_", secret);
        Assert.Contains("data-copy=\"#new-token-secret\"", html);
        Assert.Contains("Nightly &lt;export&gt;", html);

        var token = await App.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.UserId == user.Id, Ct));
        Assert.Equal(ApiTokens.Hash(secret), token.TokenHash);
        Assert.NotEqual(secret, token.TokenHash);
        Assert.True(secret.StartsWith(token.Prefix, StringComparison.Ordinal) && token.Prefix.Length < secret.Length);
        Assert.NotNull(token.ExpiresAt);
        Assert.DoesNotContain(secret, await client.GetStringAsync("/account/tokens", Ct));
        Assert.DoesNotContain(await App.WithDbAsync(db => db.AuditLog.Select(a => a.Changes).ToListAsync(Ct)), c => c.Contains(secret, StringComparison.Ordinal));

        var api = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);

        var revoked = await CrmApp.PostFormAsync(client, $"/account/tokens?handler=Revoke&id={token.Id}", [], "/account/tokens");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Contains("Revoked", await client.GetStringAsync("/account/tokens", Ct));
    }

    [Fact]
    public async Task Bad_token_requests_write_nothing()
    {
        var (client, _) = await ApiAsAsync(UserRole.InternalStaff);
        var (screens, _) = await ScreenAsAsync(UserRole.InternalStaff);
        var before = await TokenCountAsync();

        Assert.Contains("name", await ProblemFieldsAsync(await SendJsonAsync(client, HttpMethod.Post, "/api/v1/tokens", new { name = "" })));
        Assert.Contains("name", await ProblemFieldsAsync(await SendJsonAsync(client, HttpMethod.Post, "/api/v1/tokens", new { name = new string('n', 101) })));
        Assert.Contains("expiresAt", await ProblemFieldsAsync(await SendJsonAsync(client, HttpMethod.Post, "/api/v1/tokens", new { name = "old", expiresAt = DateTime.UtcNow.AddDays(-1) })));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendRawAsync(client, HttpMethod.Post, "/api/v1/tokens", """{"name":"x","expiresAt":"next week"}""")).StatusCode);
        var page = await CrmApp.PostFormAsync(screens, "/account/tokens", new() { ["Input.Name"] = "", ["Input.ExpiresAt"] = "2001-01-01" });
        var html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Equal("Name the token (what will use it).", FieldMessage(html, "Input.Name"));
        Assert.Equal("The expiry must be in the future.", FieldMessage(html, "Input.ExpiresAt"));

        Assert.Equal(before, await TokenCountAsync());
    }

    [Fact]
    public async Task Someone_elses_token_is_not_found_and_stays_valid()
    {
        var (owner, _) = await ApiAsAsync(UserRole.Partner);
        var (other, _) = await ApiAsAsync(UserRole.Admin);
        var (otherScreens, _) = await ScreenAsAsync(UserRole.Admin);
        var created = await (await SendJsonAsync(owner, HttpMethod.Post, "/api/v1/tokens", new { name = "mine" })).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("token").GetProperty("id").GetGuid();
        Assert.StartsWith("crm_", created.GetProperty("secret").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/tokens/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await CrmApp.PostFormAsync(otherScreens, $"/account/tokens?handler=Revoke&id={id}", [], "/account/tokens")).StatusCode);
        Assert.DoesNotContain(id.ToString(), await other.GetStringAsync("/api/v1/tokens", Ct));

        Assert.Null((await App.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == id, Ct))).RevokedAt);
        var listed = await owner.GetStringAsync("/api/v1/tokens", Ct);
        Assert.Contains(id.ToString(), listed);
        Assert.DoesNotContain("secret", listed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class RolesAndAccountTestsOnSqlite(UsersSqliteApp app) : RolesAndAccountTests(app), IClassFixture<UsersSqliteApp>;

public sealed class RolesAndAccountTestsOnPostgres(UsersPostgresApp app) : RolesAndAccountTests(app), IClassFixture<UsersPostgresApp>;
