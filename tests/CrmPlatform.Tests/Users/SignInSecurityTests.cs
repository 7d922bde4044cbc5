using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Users;

/// <summary>Two-factor sign-in with an authenticator app, the per-role requirement, and password reset by email link.</summary>
public abstract partial class SignInSecurityTests(CrmApp app) : UsersTest(app)
{
    private HttpClient NewBrowser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits), computed here from the key the page shows.</summary>
    private static string Totp(string base32Key, DateTimeOffset? at = null)
    {
        var key = Base32Decode(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; this mirrors what the phone computes.
        var hash = HMACSHA1.HashData(key, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    private static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }

    /// <summary>Signs in, enrols an authenticator app on the screen and returns the key and the recovery codes shown.</summary>
    private async Task<(HttpClient Client, User User, string Key, IReadOnlyList<string> Codes)> EnrolAsync(UserRole role)
    {
        var (client, user) = await ScreenAsAsync(role);
        var page = await client.GetStringAsync("/account/two-factor", Ct);
        var key = WebUtility.HtmlDecode(SharedKey().Match(page).Groups[1].Value);
        Assert.Matches("^[a-z2-7 ]{20,}$", key);
        Assert.Contains("otpauth://totp/", WebUtility.HtmlDecode(page));
        Assert.Contains("data:image/png;base64,", page);

        var wrong = await CrmApp.PostFormAsync(client, "/account/two-factor?handler=Enable", new() { ["Input.Code"] = "000000" == Totp(key) ? "111111" : "000000" }, "/account/two-factor");
        Assert.Contains("The code is not right", FieldMessage(await wrong.Content.ReadAsStringAsync(Ct), "Input.Code"));
        Assert.False((await ReloadAsync(user.Id)).TwoFactorEnabled);

        var enabled = await CrmApp.PostFormAsync(client, "/account/two-factor?handler=Enable", new() { ["Input.Code"] = Totp(key) }, "/account/two-factor");
        var html = await enabled.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = RecoveryCode().Matches(html[html.IndexOf("recovery-codes", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        Assert.True((await ReloadAsync(user.Id)).TwoFactorEnabled);
        // Shown once: the next visit does not show them again.
        Assert.DoesNotContain(codes[0], await client.GetStringAsync("/account/two-factor", Ct));
        return (client, user, key, codes);
    }

    private static Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, User user) =>
        CrmApp.PostFormAsync(client, "/login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = CrmApp.DefaultPassword });

    [Fact]
    public async Task User_enrols_an_authenticator_app_and_signs_in_with_password_and_code()
    {
        var (_, user, key, _) = await EnrolAsync(UserRole.InternalStaff);

        var browser = NewBrowser();
        var first = await PasswordStepAsync(browser, user);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/login/two-factor", first.Headers.Location!.OriginalString);
        // Between the steps the user is not signed in.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin", Ct)).StatusCode);

        var badCode = await CrmApp.PostFormAsync(browser, "/login/two-factor", new() { ["Input.Code"] = "12ab" });
        Assert.Contains("6-digit", FieldMessage(await badCode.Content.ReadAsStringAsync(Ct), "Input.Code"));

        var second = await CrmApp.PostFormAsync(browser, "/login/two-factor", new() { ["Input.Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/", second.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, user, _, codes) = await EnrolAsync(UserRole.Partner);

        var browser = NewBrowser();
        await PasswordStepAsync(browser, user);
        var used = await CrmApp.PostFormAsync(browser, "/login/two-factor?handler=Recovery", new() { ["Input.RecoveryCode"] = codes[3] }, "/login/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);

        var again = NewBrowser();
        await PasswordStepAsync(again, user);
        var reused = await CrmApp.PostFormAsync(again, "/login/two-factor?handler=Recovery", new() { ["Input.RecoveryCode"] = codes[3] }, "/login/two-factor");
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("The code is not right", await reused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, (await ReloadAsync(user.Id)).AccessFailedCount);
    }

    [Fact]
    public async Task Wrong_codes_at_the_second_step_lock_the_account()
    {
        var (_, user, key, _) = await EnrolAsync(UserRole.InternalStaff);
        var browser = NewBrowser();
        await PasswordStepAsync(browser, user);
        var wrong = Totp(key) == "123456" ? "654321" : "123456";
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await CrmApp.PostFormAsync(browser, "/login/two-factor", new() { ["Input.Code"] = wrong });
        }
        Assert.Contains("locked", await last.Content.ReadAsStringAsync(Ct));
        Assert.NotNull((await ReloadAsync(user.Id)).LockoutEnd);

        // Even the right code is refused while locked.
        var right = await CrmApp.PostFormAsync(browser, "/login/two-factor", new() { ["Input.Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task User_switches_two_factor_off_and_signs_in_with_the_password_alone()
    {
        var (client, user, _, _) = await EnrolAsync(UserRole.InternalStaff);
        var off = await CrmApp.PostFormAsync(client, "/account/two-factor?handler=Disable", [], "/account/two-factor");
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False((await ReloadAsync(user.Id)).TwoFactorEnabled);
        var browser = NewBrowser();
        Assert.Equal("/", (await PasswordStepAsync(browser, user)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Required_two_factor_sends_users_of_the_role_to_enrolment_but_api_tokens_keep_working()
    {
        var (admin, _) = await ScreenAsAsync(UserRole.Admin);
        var (partner, partnerUser) = await ScreenAsAsync(UserRole.Lead);
        var token = await App.CreateTokenAsync(partnerUser.Id);
        try
        {
            var bad = await CrmApp.PostFormAsync(admin, "/admin/roles?handler=TwoFactor", new() { ["requireTwoFactor"] = "superuser" }, "/admin/roles");
            Assert.Contains("is not a role", await bad.Content.ReadAsStringAsync(Ct));
            var saved = await CrmApp.PostFormAsync(admin, "/admin/roles?handler=TwoFactor", new() { ["requireTwoFactor"] = "lead" }, "/admin/roles");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            App.Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>().Remove("crm:setting:" + SecuritySettings.Key);

            var page = await partner.GetAsync("/account", Ct);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/account/two-factor", page.Headers.Location!.OriginalString);
            Assert.Contains("Your role requires two-factor sign-in", await partner.GetStringAsync("/account/two-factor", Ct));
            // Admins are not in the ticked role.
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin", Ct)).StatusCode);

            var api = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", Ct)).StatusCode);

            var key = WebUtility.HtmlDecode(SharedKey().Match(await partner.GetStringAsync("/account/two-factor", Ct)).Groups[1].Value);
            await CrmApp.PostFormAsync(partner, "/account/two-factor?handler=Enable", new() { ["Input.Code"] = Totp(key) }, "/account/two-factor");
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/account", Ct)).StatusCode);

            var refused = await CrmApp.PostFormAsync(partner, "/account/two-factor?handler=Disable", [], "/account/two-factor");
            Assert.Contains("cannot be switched off", await refused.Content.ReadAsStringAsync(Ct));
            Assert.True((await ReloadAsync(partnerUser.Id)).TwoFactorEnabled);
        }
        finally
        {
            await CrmApp.PostFormAsync(admin, "/admin/roles?handler=TwoFactor", [], "/admin/roles");
            App.Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>().Remove("crm:setting:" + SecuritySettings.Key);
        }
    }

    [Fact]
    public async Task Only_admins_set_the_two_factor_requirement()
    {
        var (staff, _) = await ScreenAsAsync(UserRole.InternalStaff);
        var response = await staff.PostAsync("/admin/roles?handler=TwoFactor", new FormUrlEncodedContent([new("requireTwoFactor", "internal_staff")]), Ct);
        Assert.False(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Location?.OriginalString.StartsWith("/admin/roles", StringComparison.Ordinal) ?? false);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync("/admin/roles", Ct)).StatusCode);
        var settings = await App.WithDbAsync(db => App.Services.GetRequiredService<Core.Settings.SiteSettingsService>().GetAsync<SecuritySettings>(db, SecuritySettings.Key, Ct));
        Assert.DoesNotContain("internal_staff", settings.RequireTwoFactorRoles);
    }

    private string MailFolder => Path.Combine(App.Services.GetRequiredService<IConfiguration>()["Storage:Root"]!, "mail");

    private IReadOnlyList<MimeKit.MimeMessage> MailTo(string email) =>
        !Directory.Exists(MailFolder) ? [] :
        [.. Directory.GetFiles(MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => a.Address == email))];

    [Fact]
    public async Task Password_reset_by_email_link_works_once_and_ends_other_sessions()
    {
        var (session, user) = await ScreenAsAsync(UserRole.InternalStaff);
        var browser = NewBrowser();
        Assert.Contains("/forgot-password", await browser.GetStringAsync("/login", Ct));

        var invalid = await CrmApp.PostFormAsync(browser, "/forgot-password", new() { ["Input.Email"] = "not-an-email" });
        Assert.Equal("Enter a valid email address.", FieldMessage(await invalid.Content.ReadAsStringAsync(Ct), "Input.Email"));

        var known = await (await CrmApp.PostFormAsync(browser, "/forgot-password", new() { ["Input.Email"] = user.Email!.ToUpperInvariant() })).Content.ReadAsStringAsync(Ct);
        var unknownEmail = UniqueEmail("nobody");
        var unknown = await (await CrmApp.PostFormAsync(browser, "/forgot-password", new() { ["Input.Email"] = unknownEmail })).Content.ReadAsStringAsync(Ct);
        // The same answer whether or not the address has an account.
        Assert.Equal(Alert().Match(known).Value, Alert().Match(unknown).Value);
        Assert.Contains("If an active account uses this address", known);
        Assert.Empty(MailTo(unknownEmail));

        var mail = Assert.Single(MailTo(user.Email!));
        var link = ResetLink().Match(mail.TextBody ?? "").Value;
        var path = new Uri(link).PathAndQuery;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        Dictionary<string, string> Reset(string password, string confirm) => new()
        {
            ["Input.User"] = query["user"].ToString(), ["Input.Token"] = query["token"].ToString(),
            ["Input.NewPassword"] = password, ["Input.ConfirmPassword"] = confirm,
        };
        Assert.Contains("Choose a new password", await browser.GetStringAsync(path, Ct));

        var weak = await CrmApp.PostFormAsync(browser, path, Reset("short", "short"), path);
        Assert.Contains("10", FieldMessage(await weak.Content.ReadAsStringAsync(Ct), "Input.NewPassword"));
        var mismatch = await CrmApp.PostFormAsync(browser, path, Reset("N3wPassword99", "other"), path);
        Assert.Contains("not the same", FieldMessage(await mismatch.Content.ReadAsStringAsync(Ct), "Input.ConfirmPassword"));

        var done = await CrmApp.PostFormAsync(browser, path, Reset("N3wPassword99", "N3wPassword99"), path);
        Assert.Contains("Your password was changed", await done.Content.ReadAsStringAsync(Ct));

        // Single use: the reset changed the security stamp the token is bound to.
        Assert.Contains("not valid any more", await browser.GetStringAsync(path, Ct));
        var replay = await CrmApp.PostFormAsync(NewBrowser(), path, Reset("An0therPassword", "An0therPassword"), "/forgot-password");
        Assert.Contains("not valid any more", await replay.Content.ReadAsStringAsync(Ct));

        // The old session ended; the new password signs in, the old one does not.
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/account", Ct)).StatusCode);
        await CrmApp.SignInAsync(NewBrowser(), user.Email!, "N3wPassword99");
        var old = await CrmApp.PostFormAsync(NewBrowser(), "/login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = CrmApp.DefaultPassword });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task Forged_or_tampered_reset_links_are_refused()
    {
        var user = await App.CreateUserAsync(UserRole.InternalStaff);
        var browser = NewBrowser();
        foreach (var path in new[]
        {
            $"/reset-password?user={user.Id}&token=AAAA",
            $"/reset-password?user={user.Id}&token=%%%",
            "/reset-password?user=not-a-guid&token=abc",
            "/reset-password",
            $"/reset-password?user={Guid.NewGuid()}&token={new string('A', 5000)}",
        })
        {
            var response = await browser.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("not valid any more", await response.Content.ReadAsStringAsync(Ct));
        }
        var posted = await CrmApp.PostFormAsync(browser, "/reset-password", new() { ["Input.User"] = user.Id.ToString(), ["Input.Token"] = "QUJD", ["Input.NewPassword"] = "N3wPassword99", ["Input.ConfirmPassword"] = "N3wPassword99" }, "/forgot-password");
        Assert.Contains("not valid any more", await posted.Content.ReadAsStringAsync(Ct));
        await CrmApp.SignInAsync(NewBrowser(), user.Email!, CrmApp.DefaultPassword);
    }

    [GeneratedRegex("id=\"shared-key\">([^<]+)<")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li class=\"col\">([^<]+)</li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<div class=\"alert alert-success\"[^>]*>[^<]*</div>", RegexOptions.Singleline)]
    private static partial Regex Alert();

    [GeneratedRegex(@"https?://\S+/reset-password\?\S+")]
    private static partial Regex ResetLink();
}

public sealed class SignInSecurityTestsOnSqlite(UsersSqliteApp app) : SignInSecurityTests(app), IClassFixture<UsersSqliteApp>;

public sealed class SignInSecurityTestsOnPostgres(UsersPostgresApp app) : SignInSecurityTests(app), IClassFixture<UsersPostgresApp>;
