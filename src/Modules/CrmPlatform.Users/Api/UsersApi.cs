using CrmPlatform.Core.Api;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Users.Api;

/// <summary><c>/api/v1/users</c> and <c>/api/v1/roles</c>: the same use cases as the admin screens.</summary>
internal static class UsersApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/v1/users").WithTags("Users");
        users.MapGet("", ListUsers).RequireAuthorization(UsersPermissions.ViewUsers.Name).WithName("ListUsers");
        users.MapGet("/{id:guid}", GetUser).RequireAuthorization(UsersPermissions.ViewUsers.Name).WithName("GetUser");
        users.MapPost("", CreateUser).RequireAuthorization(UsersPermissions.ManageUsers.Name).WithName("CreateUser");
        users.MapPut("/{id:guid}", UpdateUser).RequireAuthorization(UsersPermissions.ManageUsers.Name).WithName("UpdateUser");
        users.MapPost("/{id:guid}/deactivate", DeactivateUser).RequireAuthorization(UsersPermissions.ManageUsers.Name).WithName("DeactivateUser");
        users.MapPost("/{id:guid}/activate", ActivateUser).RequireAuthorization(UsersPermissions.ManageUsers.Name).WithName("ActivateUser");

        var roles = endpoints.MapGroup("/api/v1/roles").WithTags("Users").RequireAuthorization(UsersPermissions.ManageRoles.Name);
        roles.MapGet("", ListRoles).WithName("ListRoleGrants");
        roles.MapPut("/{role}", SaveRole).WithName("SaveRoleGrants");
    }

    private static async Task<Results<Ok<CursorPage<UserDto>>, ValidationProblem>> ListUsers([AsParameters] UserSearch search, SearchUsersHandler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(search, ct);
        return result.Succeeded ? TypedResults.Ok(result.Value!) : ApiProblems.Invalid(result.Errors);
    }

    private static async Task<Results<Ok<UserDto>, NotFound>> GetUser(Guid id, GetUserHandler handler, CancellationToken ct) =>
        await handler.HandleAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    private static async Task<Results<Created<UserDto>, ValidationProblem>> CreateUser(CreateUserRequest request, CreateUserHandler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(request, ct);
        return result.Succeeded ? TypedResults.Created($"/api/v1/users/{result.Value!.Id}", result.Value) : ApiProblems.Invalid(result.Errors);
    }

    private static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem>> UpdateUser(Guid id, UpdateUserRequest request, UpdateUserHandler handler, CancellationToken ct) =>
        (await handler.HandleAsync(id, request, ct)).ToOk();

    private static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem>> DeactivateUser(Guid id, SetUserActiveHandler handler, CancellationToken ct) =>
        (await handler.HandleAsync(id, active: false, ct)).ToOk();

    private static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem>> ActivateUser(Guid id, SetUserActiveHandler handler, CancellationToken ct) =>
        (await handler.HandleAsync(id, active: true, ct)).ToOk();

    private static async Task<Ok<IReadOnlyList<RoleGrantsDto>>> ListRoles(RoleGrantsQuery query, CancellationToken ct) =>
        TypedResults.Ok(await query.ListAsync(ct));

    private static async Task<Results<Ok<RoleGrantsDto>, NotFound, ValidationProblem>> SaveRole(string role, SaveRoleGrantsRequest request, SaveRoleGrantsHandler handler, CancellationToken ct) =>
        (await handler.HandleAsync(role, request, ct)).ToOk();
}
