using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Contacts;

public abstract class CategoriesAndRecipesTests(CrmApp app) : IntegrationTest(app)
{
    private Task<int> CategoryCountAsync() => App.WithDbAsync(db => db.Set<ContactCategory>().CountAsync(Ct));

    [Fact]
    public async Task Category_names_are_unique_whatever_their_case_and_a_used_category_cannot_be_deleted()
    {
        var staff = await App.ApiClientAsync(UserRole.InternalStaff);
        var name = $"Partners {Guid.NewGuid():N}";
        var created = await staff.PostAsJsonAsync("/api/v1/contact-categories", new { name, description = "Resellers" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var category = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var before = await CategoryCountAsync();

        var duplicate = await staff.PostAsJsonAsync("/api/v1/contact-categories", new { name = "  " + name.ToUpperInvariant() }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/v1/contact-categories", new { name = "" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/v1/contact-categories", new { name = new string('n', 101) }, Ct)).StatusCode);
        Assert.Equal(before, await CategoryCountAsync());

        var body = ContactData.Body();
        body["categoryId"] = category.Id();
        await ContactData.CreateAsync(staff, body);
        var delete = await staff.DeleteAsync($"/api/v1/contact-categories/{category.Id()}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("deactivate", await delete.Content.ReadAsStringAsync(Ct));
        Assert.Equal(before, await CategoryCountAsync());

        var deactivated = await (await staff.PostAsync($"/api/v1/contact-categories/{category.Id()}/deactivate", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(deactivated.GetProperty("isActive").GetBoolean());
        var inactive = ContactData.Body();
        inactive["categoryId"] = category.Id();
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/v1/contacts", inactive, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unused_category_is_renamed_and_deleted()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var category = await (await admin.PostAsJsonAsync("/api/v1/contact-categories", new { name = $"Temp {Guid.NewGuid():N}" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var renamed = await admin.PutAsJsonAsync($"/api/v1/contact-categories/{category.Id()}", new { name = $"Renamed {Guid.NewGuid():N}", isActive = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/contact-categories/{category.Id()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/contact-categories/{category.Id()}", Ct)).StatusCode);
    }

    private async Task RunAsync(string json)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().ExecuteAsync(RecipeParser.Parse(json), null, Ct);
    }

    [Fact]
    public async Task Categories_and_contacts_steps_are_idempotent_upserts()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var phone = ContactData.Phone();
        var recipe = $$"""
            { "name": "t", "steps": [
              { "name": "categories", "categories": [ { "name": "Vip {{tag}}", "description": "Top" } ] },
              { "name": "contacts", "contacts": [
                { "name": "Rita {{tag}}", "emailId": "Rita.{{tag}}@Example.com", "contactNo": "{{phone}}", "location": "Rome", "type": "employee", "category": "VIP {{tag}}" } ] } ] }
            """;
        await RunAsync(recipe);
        await RunAsync(recipe.Replace("Rome", "Milan", StringComparison.Ordinal));

        var contacts = await App.WithDbAsync(db => db.Set<Contact>().Include(c => c.Category).Where(c => c.EmailId == $"rita.{tag}@example.com").ToListAsync(Ct));
        var contact = Assert.Single(contacts);
        Assert.Equal("Milan", contact.Location);
        Assert.Equal($"Vip {tag}", contact.Category!.Name);
        Assert.Equal(1, await App.WithDbAsync(db => db.Set<ContactCategory>().CountAsync(c => c.NormalizedName == $"vip {tag}", Ct)));
    }

    [Fact]
    public async Task Invalid_contacts_step_is_rejected_with_its_index_and_reason_and_writes_nothing()
    {
        var before = await App.CountContactsAsync();
        var recipe = $$"""
            { "name": "t", "steps": [
              { "name": "contacts", "contacts": [
                { "name": "Ok", "emailId": "{{ContactData.Email()}}", "contactNo": "{{ContactData.Phone()}}", "location": "Rome", "type": "employee" },
                { "name": "Bad", "emailId": "nope", "contactNo": "123", "location": "Rome", "type": "astronaut", "category": "Missing" } ] } ] }
            """;
        var error = await Assert.ThrowsAsync<RecipeException>(() => RunAsync(recipe));
        var text = string.Join("\n", error.Errors);
        Assert.Contains("Step 1 (contacts): contacts[1]", text);
        Assert.Contains("astronaut", text);
        Assert.Contains("Missing", text);
        Assert.Contains("phone", text);
        Assert.Equal(before, await App.CountContactsAsync());
    }

    [Fact]
    public async Task The_demo_recipe_runs_and_seeds_categories_and_contacts()
    {
        var admin = await App.ApiClientAsync(UserRole.Admin);
        var response = await admin.PostAsync("/api/v1/recipes/demo/run", null, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Set<Contact>().CountAsync(c => c.EmailId.EndsWith(".example"), Ct)) >= 30);
        Assert.True(await CategoryCountAsync() >= 5);
    }
}

public sealed class CategoriesAndRecipesTestsOnSqlite(ContactsSqliteApp app) : CategoriesAndRecipesTests(app), IClassFixture<ContactsSqliteApp>;

public sealed class CategoriesAndRecipesTestsOnPostgres(ContactsPostgresApp app) : CategoriesAndRecipesTests(app), IClassFixture<ContactsPostgresApp>;
