using System.Net;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Users;

/// <summary>The admin user screens, sign-in rules and what deactivation does to sessions and tokens.</summary>
public abstract class UserScreenTests(CrmApp app) : UsersTest(app)
{
    private static Dictionary<string, string> Form(string email, string password = "Str0ngEnough1", string role = "partner", string firstName = "Grace") => new()
    {
        ["Input.Email"] = email,
        ["Input.FirstName"] = firstName,
        ["Input.LastName"] = "Hopper",
        ["Input.Phone"] = "",
        ["Input.Role"] = role,
        ["Input.Company"] = "Navy",
        ["Input.Designation"] = "",
        ["Input.Password"] = password,
    };

    [Fact]
    public async Task Create_form_puts_messages_next_to_the_fields_and_writes_nothing()
    {
        var (admin, _) = await ScreenAsAsync(UserRole.Admin);
        var existing = await App.CreateUserAsync(UserRole.Lead);
        var before = await UserCountAsync();

        var invalid = await CrmApp.PostFormAsync(admin, "/admin/users/new", Form("not-an-email", "weak", "superuser", firstName: ""));
        var html = await invalid.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Equal("Enter a valid email address.", FieldMessage(html, "Input.Email"));
        Assert.Equal("Enter a first name.", FieldMessage(html, "Input.FirstName"));
        Assert.Contains("roles", FieldMessage(html, "Input.Role"));
        Assert.Contains("10", FieldMessage(html, "Input.Password"));

        var duplicate = await CrmApp.PostFormAsync(admin, "/admin/users/new", Form(existing.Email!.ToUpperInvariant()));
        Assert.Equal("Another user already has this email address.", FieldMessage(await duplicate.Content.ReadAsStringAsync(Ct), "Input.Email"));

        var longName = await CrmApp.PostFormAsync(admin, "/admin/users/new", Form(UniqueEmail(), firstName: new string('x', 101)));
        Assert.Contains("at most 100", FieldMessage(await longName.Content.ReadAsStringAsync(Ct), "Input.FirstName"));

        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task Admin_creates_edits_and_finds_a_user_on_the_screens()
    {
        var (admin, _) = await ScreenAsAsync(UserRole.Admin);
        var email = UniqueEmail("grace");

        var created = await CrmApp.PostFormAsync(admin, "/admin/users/new", Form(email.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var user = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Ct));
        Assert.Equal(UserRole.Partner, user.Role);
        Assert.Null(user.Designation);

        var edit = await admin.GetStringAsync(created.Headers.Location!.OriginalString, Ct);
        Assert.Contains("Deactivate", edit);
        Assert.Contains("data-confirm=", edit);

        var fields = Form(email, role: "internal_staff");
        fields.Remove("Input.Password");
        fields["Input.Designation"] = "Rear admiral";
        var saved = await CrmApp.PostFormAsync(admin, $"/admin/users/{user.Id}", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await ReloadAsync(user.Id);
        Assert.Equal(UserRole.InternalStaff, stored.Role);
        Assert.Equal("Rear admiral", stored.Designation);

        var list = await admin.GetStringAsync($"/admin/users?q={Uri.EscapeDataString(email)}&role=internal_staff", Ct);
        Assert.Contains(email, list);
        Assert.Contains("aria-sort", await admin.GetStringAsync("/admin/users?sort=-email", Ct));
        Assert.Contains("No users match", await admin.GetStringAsync($"/admin/users?q={Guid.NewGuid():N}", Ct));
    }

    [Fact]
    public async Task Staff_see_the_list_but_no_way_to_change_it()
    {
        var (staff, _) = await ScreenAsAsync(UserRole.InternalStaff);
        var list = await staff.GetStringAsync("/admin/users", Ct);
        Assert.DoesNotContain("/admin/users/new", list);
        Assert.Contains("href=\"/admin/users\"", list);
        Assert.DoesNotContain("href=\"/admin/roles\"", list);
    }

    [Fact]
    public async Task Admin_cannot_demote_or_deactivate_themself_on_the_screen()
    {
        var (admin, me) = await ScreenAsAsync(UserRole.Admin);
        var page = await admin.GetStringAsync($"/admin/users/{me.Id}", Ct);
        Assert.DoesNotContain("handler=Deactivate", page);

        var fields = Form(me.Email!, role: "lead");
        fields.Remove("Input.Password");
        var response = await CrmApp.PostFormAsync(admin, $"/admin/users/{me.Id}", fields);
        Assert.Equal("You cannot change your own role.", FieldMessage(await response.Content.ReadAsStringAsync(Ct), "Input.Role"));

        var deactivate = await CrmApp.PostFormAsync(admin, $"/admin/users/{me.Id}?handler=Deactivate", [], $"/admin/users/{me.Id}");
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);
        Assert.Contains("cannot deactivate your own account", await admin.GetStringAsync($"/admin/users/{me.Id}", Ct));

        var stored = await ReloadAsync(me.Id);
        Assert.True(stored.IsActive);
        Assert.Equal(UserRole.Admin, stored.Role);
    }

    [Fact]
    public async Task Deactivating_ends_sessions_blocks_sign_in_and_stops_api_tokens_until_reactivated()
    {
        var (admin, _) = await ScreenAsAsync(UserRole.Admin);
        var (victim, user) = await ScreenAsAsync(UserRole.InternalStaff);
        var api = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = new("Bearer", await App.CreateTokenAsync(user.Id));
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/admin/users", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);

        var response = await CrmApp.PostFormAsync(admin, $"/admin/users/{user.Id}?handler=Deactivate", [], $"/admin/users/{user.Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        Assert.False((await ReloadAsync(user.Id)).IsActive);
        var afterwards = await victim.GetAsync("/admin/users", Ct);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Contains("/login", afterwards.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);
        var fresh = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var signIn = await CrmApp.PostFormAsync(fresh, "/login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = CrmApp.DefaultPassword });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("not active", await signIn.Content.ReadAsStringAsync(Ct));

        await CrmApp.PostFormAsync(admin, $"/admin/users/{user.Id}?handler=Activate", [], $"/admin/users/{user.Id}");
        Assert.True((await ReloadAsync(user.Id)).IsActive);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);
        await CrmApp.SignInAsync(fresh, user.Email!, CrmApp.DefaultPassword);
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        var user = await App.CreateUserAsync(UserRole.Partner);
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        for (var i = 0; i < 5; i++)
        {
            var failed = await CrmApp.PostFormAsync(client, "/login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = "wrong-password-1" });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var locked = await CrmApp.PostFormAsync(client, "/login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = CrmApp.DefaultPassword });

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(Ct));
        Assert.True((await ReloadAsync(user.Id)).LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task Staff_granted_users_manage_cannot_make_an_administrator()
    {
        var (staff, _) = await ApiAsAsync(UserRole.InternalStaff);
        var admin = await App.CreateUserAsync(UserRole.Admin);
        await App.WithDbAsync(async db =>
        {
            db.RolePermissions.Add(new() { Role = UserRole.InternalStaff, Permission = "Users.Manage" });
            await db.SaveChangesAsync(Ct);
        });
        App.Services.GetRequiredService<PermissionService>().Invalidate();
        try
        {
            var before = await UserCountAsync();
            Assert.Contains("role", await ProblemFieldsAsync(await SendJsonAsync(staff, HttpMethod.Post, "/api/v1/users", NewUser(role: "admin"))));
            Assert.Contains("", await ProblemFieldsAsync(await SendJsonAsync(staff, HttpMethod.Post, $"/api/v1/users/{admin.Id}/deactivate", null)));
            Assert.Equal(HttpStatusCode.Created, (await SendJsonAsync(staff, HttpMethod.Post, "/api/v1/users", NewUser(role: "lead"))).StatusCode);
            Assert.Equal(before + 1, await UserCountAsync());
            Assert.True((await ReloadAsync(admin.Id)).IsActive);
        }
        finally
        {
            await App.WithDbAsync(db => db.RolePermissions.Where(r => r.Role == UserRole.InternalStaff && r.Permission == "Users.Manage").ExecuteDeleteAsync(Ct));
            App.Services.GetRequiredService<PermissionService>().Invalidate();
        }
    }
}

public sealed class UserScreenTestsOnSqlite(UsersSqliteApp app) : UserScreenTests(app), IClassFixture<UsersSqliteApp>;

public sealed class UserScreenTestsOnPostgres(UsersPostgresApp app) : UserScreenTests(app), IClassFixture<UsersPostgresApp>;
