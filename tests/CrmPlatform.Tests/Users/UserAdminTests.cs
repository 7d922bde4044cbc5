using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Users;

/// <summary>Creating, listing, editing and deactivating users through the API and the admin screens.</summary>
public abstract class UserAdminTests(CrmApp app) : UsersTest(app)
{
    [Fact]
    public async Task Admin_creates_a_user_with_a_normalised_email_and_a_hashed_password()
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        var email = UniqueEmail("Mixed.Case").ToUpperInvariant();

        var response = await SendJsonAsync(admin, HttpMethod.Post, "/api/v1/users", NewUser($"  {email} "));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(email.ToLowerInvariant(), body.GetProperty("email").GetString());
        Assert.Equal("partner", body.GetProperty("role").GetString());
        Assert.False(body.TryGetProperty("passwordHash", out _));
        var stored = await ReloadAsync(body.GetProperty("id").GetGuid());
        Assert.Equal(email.ToLowerInvariant(), stored.Email);
        Assert.NotEqual("Str0ngEnough1", stored.PasswordHash);
        Assert.Equal(new Uri($"/api/v1/users/{stored.Id}", UriKind.Relative), response.Headers.Location);
    }

    public static TheoryData<string, string> BadUsers => new()
    {
        { """{"firstName":"A","lastName":"B","role":"partner","password":"Str0ngEnough1"}""", "email" },
        { """{"email":"x-EMAIL@tests.local","lastName":"B","role":"partner","password":"Str0ngEnough1"}""", "firstName" },
        { """{"email":"not-an-email","firstName":"A","lastName":"B","role":"partner","password":"Str0ngEnough1"}""", "email" },
        { """{"email":"x-EMAIL@tests.local","firstName":"A","lastName":"B","role":"superuser","password":"Str0ngEnough1"}""", "role" },
        { """{"email":"x-EMAIL@tests.local","firstName":"A","lastName":"B","role":"partner","password":"short"}""", "password" },
        { """{"email":"x-EMAIL@tests.local","firstName":"A","lastName":"B","role":"partner","password":"nodigitsatallhere"}""", "password" },
        { """{"email":"x-EMAIL@tests.local","firstName":"A","lastName":"B","role":"partner"}""", "password" },
        { """{"email":"x-EMAIL@tests.local","firstName":"LONG","lastName":"B","role":"partner","password":"Str0ngEnough1"}""", "firstName" },
        { """{"email":"x-EMAIL@tests.local","firstName":"A","lastName":"B","role":"partner","password":"Str0ngEnough1","phone":"call me"}""", "phone" },
        { """{"email":"x-EMAIL@tests.local","firstName":"A","lastName":"B","role":"partner","password":"Str0ngEnough1","company":"LONGER"}""", "company" },
        { """{"email":"x-EMAIL@tests.local","firstName":"   ","lastName":"B","role":"partner","password":"Str0ngEnough1"}""", "firstName" },
    };

    [Theory, MemberData(nameof(BadUsers))]
    public async Task Invalid_user_payloads_are_400_problems_naming_the_field_and_write_nothing(string json, string field)
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        json = json.Replace("x-EMAIL", $"x-{Guid.NewGuid():N}", StringComparison.Ordinal)
            .Replace("\"LONG\"", $"\"{new string('a', 101)}\"", StringComparison.Ordinal)
            .Replace("\"LONGER\"", $"\"{new string('c', 201)}\"", StringComparison.Ordinal);
        var before = await UserCountAsync();

        var fields = await ProblemFieldsAsync(await SendRawAsync(admin, HttpMethod.Post, "/api/v1/users", json));

        Assert.Contains(field, fields);
        Assert.Equal(before, await UserCountAsync());
    }

    [Theory]
    [InlineData("""{"email":123,"firstName":"A","lastName":"B","role":"partner","password":"Str0ngEnough1"}""")]
    [InlineData("""{"email":"a@b.c","firstName":["A"],"lastName":"B","role":"partner","password":"Str0ngEnough1"}""")]
    [InlineData("""{"email":"a@b.c", "firstName":""")]
    [InlineData("[]")]
    public async Task Malformed_json_is_a_400_problem_and_writes_nothing(string json)
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        var before = await UserCountAsync();

        var response = await SendRawAsync(admin, HttpMethod.Post, "/api/v1/users", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task Duplicate_email_in_another_case_is_refused_on_create_and_edit()
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        var existing = await App.CreateUserAsync(UserRole.Partner);
        var other = await App.CreateUserAsync(UserRole.Partner);
        var before = await UserCountAsync();

        Assert.Contains("email", await ProblemFieldsAsync(await SendJsonAsync(admin, HttpMethod.Post, "/api/v1/users", NewUser(existing.Email!.ToUpperInvariant()))));
        Assert.Contains("email", await ProblemFieldsAsync(await SendJsonAsync(admin, HttpMethod.Put, $"/api/v1/users/{other.Id}", NewUser(existing.Email!.ToUpperInvariant()))));

        Assert.Equal(before, await UserCountAsync());
        Assert.Equal(other.Email, (await ReloadAsync(other.Id)).Email);
    }

    [Theory]
    [InlineData("/api/v1/users?role=superuser", "role")]
    [InlineData("/api/v1/users?sort=password", "sort")]
    [InlineData("/api/v1/users?cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/users?limit=0", "limit")]
    public async Task Bad_list_parameters_are_400_problems(string url, string field)
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        Assert.Contains(field, await ProblemFieldsAsync(await admin.GetAsync(url, Ct)));
    }

    [Fact]
    public async Task Bad_list_parameter_types_are_400_not_500()
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/users?active=maybe", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/users?limit=lots", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/users/not-a-guid", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendJsonAsync(admin, HttpMethod.Post, $"/api/v1/users/{Guid.NewGuid()}/deactivate", null)).StatusCode);
    }

    [Fact]
    public async Task List_searches_filters_sorts_and_pages_without_skipping_or_repeating()
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        var company = $"Pager {Guid.NewGuid():N}";
        var names = new[] { "Zed", "amy", "Bob", "bob", "Carla", "Dan", "Eve" };
        foreach (var name in names)
        {
            var created = await SendJsonAsync(admin, HttpMethod.Post, "/api/v1/users", new { email = UniqueEmail(), firstName = name, lastName = "Same", role = "lead", company, password = "Str0ngEnough1" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var deactivated = (await (await SendJsonAsync(admin, HttpMethod.Get, $"/api/v1/users?q={Uri.EscapeDataString(company)}&sort=name&limit=1", null)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();
        await SendJsonAsync(admin, HttpMethod.Post, $"/api/v1/users/{deactivated}/deactivate", null);

        foreach (var sort in new[] { "name", "-name", "email", "-email", "created", "-created" })
        {
            var seen = new List<Guid>();
            string? cursor = null;
            do
            {
                var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users?q={Uri.EscapeDataString(company.ToUpperInvariant())}&role=lead&sort={sort}&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}", Ct);
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
                cursor = page.GetProperty("nextCursor").GetString();
            }
            while (cursor is not null);
            Assert.Equal(names.Length, seen.Count);
            Assert.Equal(names.Length, seen.Distinct().Count());
        }

        var active = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users?q={Uri.EscapeDataString(company)}&active=false", Ct);
        Assert.Equal(deactivated, Assert.Single(active.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var byName = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?q=carla%20same&role=lead", Ct);
        Assert.Contains(byName.GetProperty("items").EnumerateArray(), i => i.GetProperty("company").GetString() == company);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users?q={Uri.EscapeDataString(company)}&role=admin", Ct)).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("+44 20 7946 0000", "+442079460000")]
    [InlineData("650-253-0000", "+16502530000")]
    [InlineData("(650) 253 0000", "+16502530000")]
    public async Task Phone_numbers_are_stored_in_E164_read_in_the_default_region(string typed, string stored)
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        var response = await SendJsonAsync(admin, HttpMethod.Post, "/api/v1/users", new { email = UniqueEmail(), firstName = "P", lastName = "N", role = "lead", phone = typed, password = "Str0ngEnough1" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(stored, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("phone").GetString());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+44 12")]
    [InlineData("020 7946 0000")]
    public async Task Impossible_phone_numbers_are_refused(string typed)
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        var before = await UserCountAsync();
        var response = await SendJsonAsync(admin, HttpMethod.Post, "/api/v1/users", new { email = UniqueEmail(), firstName = "P", lastName = "N", role = "lead", phone = typed, password = "Str0ngEnough1" });
        Assert.Contains("phone", await ProblemFieldsAsync(response));
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task Users_recipe_step_creates_normalised_users_and_rejects_a_bad_entry_without_writing()
    {
        var email = UniqueEmail("recipe");
        var good = RecipeParser.Parse($$"""{ "name": "t", "steps": [ { "name": "users", "users": [ { "email": " {{email.ToUpperInvariant()}} ", "firstName": "Re", "lastName": "Cipe", "role": "partner", "phone": "650 253 0000" } ] } ] }""");
        var bad = RecipeParser.Parse($$"""{ "name": "t", "steps": [ { "name": "users", "users": [ { "email": "{{UniqueEmail()}}", "firstName": "A", "lastName": "B", "role": "superuser", "phone": "12" } ] } ] }""");
        await using var scope = App.Services.CreateAsyncScope();
        var executor = scope.ServiceProvider.GetRequiredService<RecipeExecutor>();

        await executor.ExecuteAsync(good, null, Ct);
        var before = await UserCountAsync();
        var error = await Assert.ThrowsAsync<RecipeException>(() => executor.ExecuteAsync(bad, null, Ct));

        var stored = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Ct));
        Assert.Equal(("+16502530000", UserRole.Partner), (stored.PhoneNumber, stored.Role));
        Assert.Contains(error.Errors, e => e.Contains("users[0]", StringComparison.Ordinal) && e.Contains("superuser", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("phone number", StringComparison.Ordinal));
        Assert.Equal(before, await UserCountAsync());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_users_roles_tokens_and_account_endpoints()
    {
        var client = await App.ApiClientAsync(null);
        var document = await client.GetStringAsync("/openapi/v1.json", Ct);
        foreach (var path in new[] { "/api/v1/users", "/api/v1/users/{id}/deactivate", "/api/v1/roles/{role}", "/api/v1/tokens/{id}", "/api/v1/account/password" })
        {
            Assert.Contains($"\"{path}\"", document);
        }
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_or_demote_themself()
    {
        var (admin, me) = await ApiAsAsync(UserRole.Admin);

        Assert.Contains("", await ProblemFieldsAsync(await SendJsonAsync(admin, HttpMethod.Post, $"/api/v1/users/{me.Id}/deactivate", null)));
        Assert.Contains("role", await ProblemFieldsAsync(await SendJsonAsync(admin, HttpMethod.Put, $"/api/v1/users/{me.Id}", NewUser(me.Email, "internal_staff"))));

        var stored = await ReloadAsync(me.Id);
        Assert.True(stored.IsActive);
        Assert.Equal(UserRole.Admin, stored.Role);
    }

    [Fact]
    public async Task Script_in_names_is_stored_as_text_and_rendered_encoded()
    {
        var (admin, _) = await ApiAsAsync(UserRole.Admin);
        var (screens, _) = await ScreenAsAsync(UserRole.Admin);
        const string script = "<script>alert('x')</script>";
        var company = $"Xss {Guid.NewGuid():N}";
        var response = await SendJsonAsync(admin, HttpMethod.Post, "/api/v1/users", new { email = UniqueEmail(), firstName = script, lastName = "O'Brien & <b>Co</b>", role = "partner", company, password = "Str0ngEnough1" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        Assert.Equal(script, (await ReloadAsync(id)).FirstName);
        var list = await screens.GetStringAsync($"/admin/users?q={Uri.EscapeDataString(company)}", Ct);
        var edit = await screens.GetStringAsync($"/admin/users/{id}", Ct);
        foreach (var html in new[] { list, edit })
        {
            Assert.DoesNotContain(script, html);
            Assert.DoesNotContain("<b>Co</b>", html);
            Assert.Contains("&lt;script&gt;", html);
        }
    }
}

public sealed class UserAdminTestsOnSqlite(UsersSqliteApp app) : UserAdminTests(app), IClassFixture<UsersSqliteApp>;

public sealed class UserAdminTestsOnPostgres(UsersPostgresApp app) : UserAdminTests(app), IClassFixture<UsersPostgresApp>;
