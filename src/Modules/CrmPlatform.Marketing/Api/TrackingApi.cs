using CrmPlatform.Marketing.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrmPlatform.Marketing.Api;

/// <summary>
/// The public tracking endpoints (anonymous; the signed token is the authorisation): the open pixel <c>/m/o/{token}</c>,
/// click redirects <c>/m/c/{token}?u=…</c> and the provider's delivery receipts. A forged token answers 404 and changes
/// nothing. (The unsubscribe page and its one-click POST are the Razor page <c>/m/u/{token}</c>.)
/// </summary>
internal static class TrackingApi
{
    // A transparent 1×1 GIF.
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/m/o/{token}", Open).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/m/c/{token}", Click).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost(TrackingLinks.DeliveryReceiptPath, DeliveryReceipt).AllowAnonymous().DisableAntiforgery().WithTags("Campaigns").WithName("CampaignDeliveryReceipt");
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Open(string token, TrackingService tracking, HttpContext http, CancellationToken ct)
    {
        if (!await tracking.OpenAsync(token, ct))
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.CacheControl = "no-store, private";
        return TypedResults.File(Pixel, "image/gif");
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> Click(string token, string? u, TrackingService tracking, CancellationToken ct) =>
        await tracking.ClickAsync(token, u, ct) is { } target ? TypedResults.Redirect(target) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeliveryReceipt(HttpRequest request, TrackingService tracking, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return ApiResults.Invalid("body", "A delivery receipt is an application/x-www-form-urlencoded body.");
        }
        var form = await request.ReadFormAsync(ct);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var result = await tracking.DeliveryReceiptAsync(request.GetEncodedUrl(), fields, request.Headers["X-Twilio-Signature"].ToString(), ct);
        return result switch
        {
            ReceiptResult.Accepted => TypedResults.NoContent(),
            ReceiptResult.Unknown => TypedResults.NotFound(),
            ReceiptResult.BadSignature => TypedResults.Problem(title: "The signature is not valid.", detail: "X-Twilio-Signature does not match the request signed with the provider's auth token.", statusCode: StatusCodes.Status400BadRequest),
            _ => ApiResults.Invalid("MessageSid", "MessageSid and MessageStatus are required."),
        };
    }
}
