using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Contacts;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Display;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Mvc;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Contacts;

/// <summary>
/// A stand-in for the module that will put contacts in a partner's scope (CrmTrackers: contacts of leads assigned to
/// them): tests grant a user individual contacts.
/// </summary>
public sealed class TestContactScope : IContactScope
{
    private static readonly ConcurrentDictionary<Guid, ConcurrentBag<Guid>> Grants = new();

    public static void Grant(Guid userId, Guid contactId) => Grants.GetOrAdd(userId, _ => []).Add(contactId);

    public IQueryable<Guid> VisibleContactIds(CrmDbContext db, Guid userId)
    {
        var ids = Grants.TryGetValue(userId, out var granted) ? granted.ToList() : [];
        return db.Set<Contact>().IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).Select(c => c.Id);
    }
}

/// <summary>A part another module would add to the contact page (CrmTrackers' leads, say).</summary>
public sealed class TestContactPart : IDisplayPart
{
    public string Target => DisplayTargets.Contact;
    public string Title => "Test leads";
    public Permission? Permission => null;
    public Type ViewComponent => typeof(TestContactPartViewComponent);
}

public sealed class TestContactPartViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(DisplayContext context) => Content($"leads of contact {context.EntityId}");
}

internal static class ContactsTestServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<IContactScope, TestContactScope>();
        services.AddDisplayPart<TestContactPart>();
        // Modules are application parts because the host references them; this test assembly has to say so itself.
        services.AddMvcCore().AddApplicationPart(typeof(TestContactPart).Assembly);
    }
}

public sealed class ContactsSqliteApp : SqliteApp
{
    protected override void ConfigureTestServices(IServiceCollection services) => ContactsTestServices.Add(services);
}

public sealed class ContactsPostgresApp : PostgresApp
{
    protected override void ConfigureTestServices(IServiceCollection services) => ContactsTestServices.Add(services);
}

/// <summary>Unique, valid test values and shortcuts shared by the contacts suites.</summary>
public static class ContactData
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        CrmPlatform.Core.Hosting.CrmServiceCollectionExtensions.ConfigureJson(options);
        return options;
    }

    public static string Email() => $"c-{Guid.NewGuid():N}@example.com";

    /// <summary>A valid, random San Francisco number in E.164.</summary>
    public static string Phone() => $"+1415{Random.Shared.Next(2_000_000, 9_999_999)}";

    public static Dictionary<string, object?> Body(string? name = null, string? email = null, string? phone = null) => new()
    {
        ["name"] = name ?? "Ada Lovelace",
        ["emailId"] = email ?? Email(),
        ["contactNo"] = phone ?? Phone(),
        ["location"] = "London",
        ["type"] = "entrepreneur",
        ["company"] = "Analytical Engines Ltd",
        ["designation"] = "Founder",
        ["industry"] = "Computing",
        ["website"] = "https://example.com",
    };

    public static async Task<JsonElement> CreateAsync(HttpClient admin, Dictionary<string, object?>? body = null)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/contacts", body ?? Body(), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Creating a contact answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    private static readonly ConcurrentDictionary<(CrmApp, UserRole), Task<HttpClient>> Screens = new();

    /// <summary>
    /// A signed-in screen client per role and host, shared by the tests of a class: sign-in is rate limited (10 a minute),
    /// and these tests do not depend on who the user is.
    /// </summary>
    public static Task<HttpClient> ScreenAsync(this CrmApp app, UserRole? role) =>
        role is null ? app.ScreenClientAsync(null) : Screens.GetOrAdd((app, role.Value), key => key.Item1.ScreenClientAsync(key.Item2));

    public static Task<int> CountContactsAsync(this CrmApp app) =>
        app.WithDbAsync(db => db.Set<Contact>().IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken));

    public static async Task<(HttpClient Client, User User)> ApiUserAsync(this CrmApp app, UserRole role)
    {
        var user = await app.CreateUserAsync(role);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(user.Id));
        return (client, user);
    }
}
