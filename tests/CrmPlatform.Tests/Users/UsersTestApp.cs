using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Users;

/// <summary>
/// The sign-in rate limit is per client address, and every test-server request comes from the same (no) address;
/// these suites sign in many times a minute, so each request gets an address of its own. Lockout (per account) is
/// unaffected.
/// </summary>
internal sealed class DistinctClientAddresses : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = new IPAddress(RandomNumberGenerator.GetBytes(4));
            return nextMiddleware(context);
        });
        next(app);
    };
}

internal static class UsersTestServices
{
    public static void Configure(IServiceCollection services)
    {
        services.AddTransient<IStartupFilter, DistinctClientAddresses>();
        // Check the security stamp on every request, so "deactivation ends sessions" is observable without waiting.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
    }
}

public sealed class UsersSqliteApp : SqliteApp
{
    protected override void ConfigureTestServices(IServiceCollection services) => UsersTestServices.Configure(services);
}

public sealed class UsersPostgresApp : PostgresApp
{
    protected override void ConfigureTestServices(IServiceCollection services) => UsersTestServices.Configure(services);
}

/// <summary>Helpers shared by the Users suites: clients that know their user, JSON bodies, row counts.</summary>
public abstract class UsersTest(CrmApp app) : IntegrationTest(app)
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected async Task<(HttpClient Client, User User)> ApiAsAsync(UserRole role)
    {
        var user = await App.CreateUserAsync(role);
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await App.CreateTokenAsync(user.Id));
        return (client, user);
    }

    protected async Task<(HttpClient Client, User User)> ScreenAsAsync(UserRole role)
    {
        var user = await App.CreateUserAsync(role);
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CrmApp.SignInAsync(client, user.Email!, CrmApp.DefaultPassword);
        return (client, user);
    }

    protected Task<int> UserCountAsync() => App.WithDbAsync(db => db.Users.CountAsync(Ct));

    protected Task<int> TokenCountAsync() => App.WithDbAsync(db => db.ApiTokens.CountAsync(Ct));

    protected Task<User> ReloadAsync(Guid id) => App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id, Ct));

    protected static string UniqueEmail(string name = "user") => $"{name}-{Guid.NewGuid():N}@tests.local";

    protected static object NewUser(string? email = null, string role = "partner", string password = "Str0ngEnough1") => new
    {
        email = email ?? UniqueEmail(),
        firstName = "Ada",
        lastName = "Lovelace",
        phone = "+44 20 7946 0000",
        role,
        company = "Analytical Engines",
        designation = "Engineer",
        password,
    };

    /// <summary>The validation message rendered next to a form field (empty when there is none).</summary>
    protected static string FieldMessage(string html, string field)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"data-valmsg-for=\"{System.Text.RegularExpressions.Regex.Escape(field)}\"[^>]*>([^<]*)<");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : "";
    }

    protected static Task<HttpResponseMessage> SendJsonAsync(HttpClient client, HttpMethod method, string url, object? body) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }, Ct);

    protected static Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, MediaTypeHeaderValue.Parse("application/json")) }, Ct);

    /// <summary>The field names of a 400 validation problem (asserting it is one).</summary>
    protected static async Task<IReadOnlyList<string>> ProblemFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(p => p.Name)] : [];
    }
}
