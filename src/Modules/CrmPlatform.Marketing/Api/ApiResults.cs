using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Marketing.Api;

/// <summary>Turns use-case results into typed HTTP results (problem details for every error).</summary>
internal static class ApiResults
{
    public static Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult> Map<T>(Result<T> result) => result.Kind switch
    {
        ResultKind.Ok => TypedResults.Ok(result.Value!),
        ResultKind.NotFound => TypedResults.NotFound(),
        ResultKind.Conflict => TypedResults.Problem(title: "The change was refused.", detail: string.Join(" ", result.Errors.SelectMany(e => e.Value)), statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "The request is not valid."),
    };

    public static Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult> NoContent<T>(Result<T> result) => result.Kind switch
    {
        ResultKind.Ok => TypedResults.NoContent(),
        ResultKind.NotFound => TypedResults.NotFound(),
        ResultKind.Conflict => TypedResults.Problem(title: "The change was refused.", detail: string.Join(" ", result.Errors.SelectMany(e => e.Value)), statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "The request is not valid."),
    };

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid.");
}
