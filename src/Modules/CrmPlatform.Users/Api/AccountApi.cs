using CrmPlatform.Core.Security;
using CrmPlatform.Users.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Users.Api;

/// <summary>The caller's own things: <c>/api/v1/tokens</c>, <c>/api/v1/account</c> (profile) and <c>/api/v1/account/password</c>.</summary>
internal static class AccountApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var tokens = endpoints.MapGroup("/api/v1/tokens").WithTags("Account").RequireAuthorization(UsersPermissions.UseApi.Name);
        tokens.MapGet("", ListTokens).WithName("ListTokens");
        tokens.MapPost("", CreateToken).WithName("CreateToken");
        tokens.MapDelete("/{id:guid}", RevokeToken).WithName("RevokeToken");

        var account = endpoints.MapGroup("/api/v1/account").WithTags("Account").RequireAuthorization();
        account.MapGet("", GetProfile).WithName("GetOwnProfile");
        account.MapPut("", UpdateProfile).WithName("UpdateOwnProfile");
        account.MapPost("/password", ChangePassword).WithName("ChangeOwnPassword");
    }

    private static async Task<Ok<IReadOnlyList<TokenDto>>> ListTokens(ICurrentUser user, PersonalTokens tokens, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(user.Id!.Value, ct));

    private static async Task<Results<Created<CreatedTokenDto>, ValidationProblem>> CreateToken(CreateTokenRequest request, ICurrentUser user, PersonalTokens tokens, CancellationToken ct)
    {
        var result = await tokens.CreateAsync(user.Id!.Value, request, ct);
        return result.Succeeded ? TypedResults.Created("/api/v1/tokens", result.Value) : ApiProblems.Invalid(result.Errors);
    }

    private static async Task<Results<NoContent, NotFound>> RevokeToken(Guid id, ICurrentUser user, PersonalTokens tokens, CancellationToken ct) =>
        await tokens.RevokeAsync(user.Id!.Value, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<UserDto>, NotFound>> GetProfile(ICurrentUser user, GetUserHandler handler, CancellationToken ct) =>
        await handler.HandleAsync(user.Id!.Value, ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound();

    private static async Task<Results<Ok<UserDto>, NotFound, ValidationProblem>> UpdateProfile(UpdateProfileRequest request, ICurrentUser user, UpdateProfileHandler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(user.Id!.Value, request, ct);
        return result.Kind switch
        {
            Core.Api.ResultKind.Ok => TypedResults.Ok(result.Value!.ToDto()),
            Core.Api.ResultKind.NotFound => TypedResults.NotFound(),
            _ => ApiProblems.Invalid(result.Errors),
        };
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> ChangePassword(ChangePasswordRequest request, ICurrentUser user, ChangePasswordHandler handler, CancellationToken ct)
    {
        var result = await handler.HandleAsync(user.Id!.Value, request, ct);
        return result.Kind switch
        {
            Core.Api.ResultKind.Ok => TypedResults.NoContent(),
            Core.Api.ResultKind.NotFound => TypedResults.NotFound(),
            _ => ApiProblems.Invalid(result.Errors),
        };
    }
}
