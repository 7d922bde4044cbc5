using System.Security.Claims;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Admin;

/// <summary><c>/api/v1</c> endpoints for the kernel: the caller, features, recipes and the audit log.</summary>
internal static class PlatformApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Platform");
        api.MapGet("/me", GetMe).RequireAuthorization().WithName("GetMe");

        var features = api.MapGroup("/features").RequireAuthorization(CorePermissions.ManageFeatures.Name);
        features.MapGet("", ListFeatures).WithName("ListFeatures");
        features.MapPost("/{id}/enable", EnableFeature).WithName("EnableFeature");
        features.MapPost("/{id}/disable", DisableFeature).WithName("DisableFeature");

        var recipes = api.MapGroup("/recipes").RequireAuthorization(CorePermissions.RunRecipes.Name);
        recipes.MapGet("", ListRecipes).WithName("ListRecipes");
        recipes.MapPost("/{name}/run", RunRecipe).WithName("RunRecipe");

        api.MapGet("/audit-log", SearchAuditLog).RequireAuthorization(CorePermissions.ViewAuditLog.Name).WithName("SearchAuditLog");
    }

    public sealed record MeDto(Guid Id, string? Email, string? Name, string? Role, IReadOnlyList<string> Permissions);

    private static async Task<Ok<MeDto>> GetMe(ClaimsPrincipal user, PermissionService permissions, PermissionRegistry registry, CancellationToken ct)
    {
        var granted = new List<string>();
        foreach (var permission in registry.All)
        {
            if (await permissions.HasAsync(user, permission.Name, ct))
            {
                granted.Add(permission.Name);
            }
        }
        return TypedResults.Ok(new MeDto(
            Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name,
            user.FindFirstValue(CrmClaims.FullName),
            user.FindFirstValue(CrmClaims.Role),
            granted));
    }

    private static async Task<Ok<IReadOnlyList<FeatureDto>>> ListFeatures(FeatureQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(ct));

    private static async Task<Results<Ok<FeatureDto>, NotFound, ProblemHttpResult>> EnableFeature(string id, FeatureQueries queries, IFeatureManager features, CancellationToken ct) =>
        await ChangeAsync(id, queries, () => features.EnableAsync(id, withDependencies: false, ct), ct);

    private static async Task<Results<Ok<FeatureDto>, NotFound, ProblemHttpResult>> DisableFeature(string id, FeatureQueries queries, IFeatureManager features, CancellationToken ct) =>
        await ChangeAsync(id, queries, () => features.DisableAsync(id, ct), ct);

    private static async Task<Results<Ok<FeatureDto>, NotFound, ProblemHttpResult>> ChangeAsync(string id, FeatureQueries queries, Func<Task<FeatureChangeResult>> change, CancellationToken ct)
    {
        if ((await queries.ListAsync(ct)).All(f => !string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.NotFound();
        }
        var result = await change();
        if (!result.Succeeded)
        {
            return TypedResults.Problem(title: "The feature could not be changed.", detail: result.Error, statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok((await queries.ListAsync(ct)).First(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase)));
    }

    public sealed record RecipeDto(string File, string Name, string? Description, IReadOnlyList<string> Steps);

    private static Ok<IEnumerable<RecipeDto>> ListRecipes(RecipeStore store) =>
        TypedResults.Ok(store.List().Select(r => new RecipeDto(r.FileName, r.Recipe.Name, r.Recipe.Description, [.. r.Recipe.Steps.Select(s => s.Name)])));

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> RunRecipe(string name, RecipeStore store, RecipeExecutor executor, ICurrentUser user, CancellationToken ct)
    {
        try
        {
            var recipe = store.Find(name);
            if (recipe is null)
            {
                return TypedResults.NotFound();
            }
            await executor.ExecuteAsync(recipe, user.Id, ct);
            return TypedResults.NoContent();
        }
        catch (RecipeException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["steps"] = [.. ex.Errors] }, title: "The recipe was not run; nothing was changed.");
        }
    }

    private static async Task<Results<Ok<CursorPage<AuditEntryDto>>, ValidationProblem>> SearchAuditLog([AsParameters] AuditLogQueryParameters parameters, AuditLogQuery query, CancellationToken ct)
    {
        var result = await query.SearchAsync(parameters.ToFilter(), ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : TypedResults.ValidationProblem(result.Errors.ToDictionary());
    }

    internal sealed record AuditLogQueryParameters(string? User, string? EntityType, string? EntityId, DateTime? From, DateTime? To, string? Cursor, int? Limit)
    {
        public AuditLogFilter ToFilter() => new() { User = User, EntityType = EntityType, EntityId = EntityId, From = From, To = To, Cursor = Cursor, Limit = Limit };
    }
}
