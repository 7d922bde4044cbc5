using CrmPlatform.Core.Settings;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.Core.Security;

/// <summary>
/// When an administrator requires two-factor sign-in for a role, a signed-in user of that role without an
/// authenticator app can reach only the enrolment page (and sign-out): screens redirect there, other requests get
/// 403. The REST API is not affected: a personal API token is a separate secret the user created while signed in.
/// </summary>
internal sealed class TwoFactorEnrolmentMiddleware(RequestDelegate next)
{
    public const string EnrolmentPath = "/account/two-factor";

    private static readonly string[] Exempt = [EnrolmentPath, "/logout", "/login", "/status", "/health", "/_content", "/lib", "/api", "/setup"];

    public async Task InvokeAsync(HttpContext context, ICurrentUser current, SiteSettingsService settings)
    {
        var path = context.Request.Path;
        if (current.Role is not { } role || context.User.HasClaim(CrmClaims.TwoFactor, "true")
            || Exempt.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) || Path.HasExtension(path.Value)
            || !(await settings.GetAsync<SecuritySettings>(SecuritySettings.Key, context.RequestAborted)).RequiresTwoFactor(role))
        {
            await next(context);
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.Redirect(EnrolmentPath);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
    }
}
