using System.Text.Json;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Users.Api;

internal static class ApiProblems
{
    /// <summary>A 400 validation problem whose field names match the JSON property names (camelCase).</summary>
    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value),
            title: "The request is not valid; nothing was changed.");

    public static Results<Ok<T>, NotFound, ValidationProblem> ToOk<T>(this Result<T> result) => result.Kind switch
    {
        ResultKind.Ok => TypedResults.Ok(result.Value!),
        ResultKind.NotFound => TypedResults.NotFound(),
        _ => Invalid(result.Errors),
    };
}
