using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Core.Api;

/// <summary>
/// The one place unexpected exceptions become responses: bad requests keep their 4xx, a lost race on a unique
/// constraint is a 409, anything else a 500 problem without internals.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "The request is not valid.", Describe(bad)),
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => (400, "The form has expired or was not sent from this site.", "Reload the page and try again."),
            InvalidDataException => (400, "The request body is too large or malformed.", "Multipart and form bodies are limited; see the field's size limit."),
            DbUpdateException db when IsUniqueViolation(db) => (409, "A record with the same unique value already exists.", null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "The client closed the request.", null),
            _ => (500, "An unexpected error occurred.", "The error has been logged; please try again."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static string? Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"The JSON body could not be read: {json.Message.Split(" Path:")[0]}{(json.Path is null ? "" : $" (at {json.Path})")}"
            : bad.Message;

    internal static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException?.Message is { } message
        && (message.Contains("UNIQUE constraint failed", StringComparison.Ordinal) || message.Contains("23505", StringComparison.Ordinal) || message.Contains("duplicate key", StringComparison.Ordinal));
}
