using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.Core.Security;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows scripts only from this site or carrying
/// the per-request nonce (<see cref="CspNonceExtensions.CspNonce"/>), so injected markup cannot run script.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[CspNonceExtensions.ItemKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference")
                    // The API reference page (Scalar) boots with an inline module script and inline styles of its own.
                    ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'"
                    : $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; object-src 'none'; base-uri 'self'";
            }
            if (!headers.ContainsKey("X-Frame-Options"))
            {
                headers.XFrameOptions = "SAMEORIGIN";
            }
            return Task.CompletedTask;
        });
        return next(context);
    }
}

public static class CspNonceExtensions
{
    internal const string ItemKey = "crm:csp-nonce";

    /// <summary>The nonce an inline <c>&lt;script nonce="…"&gt;</c> must carry to run on this response.</summary>
    public static string CspNonce(this HttpContext context) => context.Items[ItemKey] as string ?? "";
}
