using System.Net;
using System.Text.RegularExpressions;
using CrmPlatform.Bench.Hosting;

namespace CrmPlatform.Bench.Scenarios;

/// <summary>A cookie session of the bench admin, signed in through the login form, for screens that have no API twin.</summary>
internal static partial class BrowserSession
{
    public static async Task<HttpClient> SignInAsync(BenchContext context, CancellationToken ct)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var browser = new HttpClient(handler, disposeHandler: true) { BaseAddress = context.Host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var login = await browser.GetStringAsync("login", ct);
        var token = TokenInput().Match(login) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The login page has no antiforgery token.");
        using var signIn = await browser.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = BenchAdmin.Email,
            ["Input.Password"] = BenchAdmin.Password,
            ["__RequestVerificationToken"] = token,
        }), ct);
        if (signIn.StatusCode != HttpStatusCode.Redirect && signIn.StatusCode != HttpStatusCode.Found)
        {
            browser.Dispose();
            throw new InvalidOperationException($"Signing in as the bench admin answered {(int)signIn.StatusCode}.");
        }
        return browser;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
