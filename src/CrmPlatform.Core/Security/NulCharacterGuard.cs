using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Core.Security;

/// <summary>
/// Refuses text holding the NUL character (U+0000) before it reaches a query: PostgreSQL cannot store or even compare
/// it (error 22021), and no field of the platform has a use for it. Query strings and form fields answer 400 here;
/// JSON bodies are refused by <see cref="NulRejectingStringConverter"/> while they are read.
/// </summary>
internal sealed class NulCharacterGuardMiddleware(RequestDelegate next)
{
    private const string Message = "Text may not contain the NUL character (U+0000).";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var bad = request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true
            || (request.Path.Value?.Contains('\0', StringComparison.Ordinal) ?? false);
        if (!bad && request.HasFormContentType && !HttpMethods.IsGet(request.Method))
        {
            try
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                bad = form.Any(field => field.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true));
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
            {
                // A malformed form is answered by the endpoint's own binding (400/413), not here.
            }
        }
        if (!bad)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = 400, Title = "The request is not valid; nothing was changed.", Detail = Message },
        });
    }
}

/// <summary>Reads JSON strings, refusing the NUL character (the API answers 400 like any unreadable body).</summary>
internal sealed class NulRejectingStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("Text may not contain the NUL character (U+0000).")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
