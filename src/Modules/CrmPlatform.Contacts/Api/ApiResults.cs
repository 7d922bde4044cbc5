using System.Text.Json;
using CrmPlatform.Contacts.Features;
using CrmPlatform.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CrmPlatform.Contacts.Api;

/// <summary>Use-case results as RFC 9457 responses: field errors 400, unknown or out-of-scope ids 404, lost races 409.</summary>
internal static class ApiResults
{
    public static Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult> Ok<T>(Result<T> result) => result.Kind switch
    {
        ResultKind.Ok => TypedResults.Ok(result.Value!),
        ResultKind.NotFound => TypedResults.NotFound(),
        ResultKind.Invalid => Invalid(result.Errors),
        _ => Conflict(result.Errors),
    };

    public static Results<Created<T>, NotFound, ValidationProblem, ProblemHttpResult> Created<T>(Result<T> result, Func<T, string> location) => result.Kind switch
    {
        ResultKind.Ok => TypedResults.Created(location(result.Value!), result.Value!),
        ResultKind.NotFound => TypedResults.NotFound(),
        ResultKind.Invalid => Invalid(result.Errors),
        _ => Conflict(result.Errors),
    };

    public static Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult> NoContent<T>(Result<T> result) => result.Kind switch
    {
        ResultKind.Ok => TypedResults.NoContent(),
        ResultKind.NotFound => TypedResults.NotFound(),
        ResultKind.Invalid => Invalid(result.Errors),
        _ => Conflict(result.Errors),
    };

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(Camel(errors), title: "The request is not valid; nothing was changed.");

    public static ProblemHttpResult Conflict(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The change conflicts with existing data; nothing was changed.",
            Detail = string.Join(" ", errors.Values.SelectMany(v => v)),
            Extensions = { ["errors"] = Camel(errors) },
        });

    private static Dictionary<string, string[]> Camel(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value);

    /// <summary>Headers every attachment download carries: saved, never rendered or sniffed by the browser.</summary>
    public static FileStreamHttpResult Download(HttpResponse response, AttachmentFile file)
    {
        AttachmentHeaders.Apply(response);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}

/// <summary>Shared by the API and the screens' download handler.</summary>
public static class AttachmentHeaders
{
    public static void Apply(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers.CacheControl = "private, no-store";
    }
}
