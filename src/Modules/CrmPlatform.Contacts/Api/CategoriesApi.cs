using CrmPlatform.Contacts.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Contacts.Api;

/// <summary><c>/api/v1/contact-categories</c>.</summary>
internal static class CategoriesApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var categories = endpoints.MapGroup("/api/v1/contact-categories").WithTags("Contact categories");
        categories.MapGet("", List).RequireAuthorization(ContactsPermissions.View.Name).WithName("ListContactCategories");
        categories.MapGet("/{id:guid}", Get).RequireAuthorization(ContactsPermissions.View.Name).WithName("GetContactCategory");
        var manage = categories.MapGroup("").RequireAuthorization(ContactsPermissions.ManageCategories.Name);
        manage.MapPost("", Create).WithName("CreateContactCategory");
        manage.MapPut("/{id:guid}", Update).WithName("UpdateContactCategory");
        manage.MapPost("/{id:guid}/activate", Activate).WithName("ActivateContactCategory");
        manage.MapPost("/{id:guid}/deactivate", Deactivate).WithName("DeactivateContactCategory");
        manage.MapDelete("/{id:guid}", Delete).WithName("DeleteContactCategory");
    }

    private static async Task<Ok<IReadOnlyList<CategoryDto>>> List(bool? activeOnly, CategoryCommands categories, CancellationToken ct) =>
        TypedResults.Ok(await categories.ListAsync(activeOnly ?? false, ct));

    private static async Task<Results<Ok<CategoryDto>, NotFound>> Get(Guid id, CategoryCommands categories, CancellationToken ct) =>
        await categories.GetAsync(id, ct) is { } category ? TypedResults.Ok(category) : TypedResults.NotFound();

    private static async Task<Results<Created<CategoryDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(CategoryInput input, CategoryCommands categories, CancellationToken ct) =>
        ApiResults.Created(await categories.CreateAsync(input, ct), c => $"/api/v1/contact-categories/{c.Id}");

    private static async Task<Results<Ok<CategoryDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(Guid id, CategoryInput input, CategoryCommands categories, CancellationToken ct) =>
        ApiResults.Ok(await categories.UpdateAsync(id, input, ct));

    private static async Task<Results<Ok<CategoryDto>, NotFound, ValidationProblem, ProblemHttpResult>> Activate(Guid id, CategoryCommands categories, CancellationToken ct) =>
        ApiResults.Ok(await categories.SetActiveAsync(id, true, ct));

    private static async Task<Results<Ok<CategoryDto>, NotFound, ValidationProblem, ProblemHttpResult>> Deactivate(Guid id, CategoryCommands categories, CancellationToken ct) =>
        ApiResults.Ok(await categories.SetActiveAsync(id, false, ct));

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Delete(Guid id, CategoryCommands categories, CancellationToken ct) =>
        ApiResults.NoContent(await categories.DeleteAsync(id, ct));
}
