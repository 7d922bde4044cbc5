using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.CrmTrackers.Api;

/// <summary>Use-case results as RFC 9457 answers: field errors 400 (naming the fields), missing 404, conflicts 409.</summary>
internal static class ApiResults
{
    public static Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult> From<T>(Result<T> result) =>
        result.Succeeded ? TypedResults.Ok(result.Value!) : Failure<Ok<T>, T>(result);

    public static Results<TOk, NotFound, ValidationProblem, ProblemHttpResult> Failure<TOk, T>(Result<T> result) where TOk : IResult =>
        result.Kind switch
        {
            ResultKind.NotFound => TypedResults.NotFound(),
            ResultKind.Conflict => TypedResults.Problem(title: "The change conflicts with existing data.", detail: string.Join(" ", result.Errors.SelectMany(e => e.Value)), statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.ValidationProblem(result.Errors, title: "The request is not valid; nothing was changed."),
        };

    public static Results<Created<TDto>, NotFound, ValidationProblem, ProblemHttpResult> Failure<TDto>(Result<TDto> result) => Failure<Created<TDto>, TDto>(result);

    public static Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult> Failure(Result<bool> result) => Failure<NoContent, bool>(result);
}
