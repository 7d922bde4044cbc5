using System.Text;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Settings;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace CrmPlatform.Users.Features;

/// <summary>What the enrolment page shows: the shared key (grouped for typing), the otpauth URI and its QR code.</summary>
public sealed record AuthenticatorSetup(bool Enabled, bool Required, string SharedKey, string Uri, string QrCodeDataUri, int RecoveryCodesLeft)
{
    /// <summary>A key was issued just now, which renewed the security stamp: the caller refreshes its sign-in cookie.</summary>
    public bool KeyIssued { get; init; }
}

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238) on Identity's authenticator token provider:
/// enrolment (key, verify, recovery codes shown once), new recovery codes, and switching it off.
/// </summary>
internal sealed class TwoFactorHandler(UserManager<User> users, SiteSettingsService settings)
{
    public const int RecoveryCodeCount = 10;

    public async Task<AuthenticatorSetup?> GetSetupAsync(Guid userId, string issuer, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return null;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        var issued = string.IsNullOrEmpty(key);
        if (issued)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(qr).GetGraphic(5);
        var required = await IsRequiredAsync(user.Role, ct);
        var left = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        return new AuthenticatorSetup(user.TwoFactorEnabled, required, Group(key!), uri, "data:image/png;base64," + Convert.ToBase64String(png), left) { KeyIssued = issued };
    }

    /// <summary>Checks a code from the app; on success switches two-factor on and returns the new recovery codes.</summary>
    public async Task<Result<IReadOnlyList<string>>> EnableAsync(Guid userId, string? code, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Result<IReadOnlyList<string>>.NotFound();
        }
        var cleaned = Clean(code);
        if (cleaned.Length is < 6 or > 8 || !cleaned.All(char.IsAsciiDigit))
        {
            return Result<IReadOnlyList<string>>.Invalid("Code", "Enter the 6-digit code your authenticator app shows.");
        }
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
        {
            return Result<IReadOnlyList<string>>.Invalid("Code", "The code is not right: check the time on your phone and try the newest code.");
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        return Result<IReadOnlyList<string>>.Ok([.. codes!]);
    }

    public async Task<Result<IReadOnlyList<string>>> NewRecoveryCodesAsync(Guid userId, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Result<IReadOnlyList<string>>.NotFound();
        }
        if (!user.TwoFactorEnabled)
        {
            return Result<IReadOnlyList<string>>.Invalid("", "Set up two-factor sign-in first.");
        }
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        await users.UpdateSecurityStampAsync(user);
        return Result<IReadOnlyList<string>>.Ok([.. codes!]);
    }

    /// <summary>Switches two-factor off and forgets the key (a new one is issued on the next enrolment).</summary>
    public async Task<Result<User>> DisableAsync(Guid userId, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return Result<User>.NotFound();
        }
        if (await IsRequiredAsync(user.Role, ct))
        {
            return Result<User>.Invalid("", $"Two-factor sign-in is required for the {user.Role.ToTitle()} role: it cannot be switched off.");
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return Result<User>.Ok(user);
    }

    public async Task<bool> IsRequiredAsync(UserRole role, CancellationToken ct) =>
        (await settings.GetAsync<SecuritySettings>(SecuritySettings.Key, ct)).RequiresTwoFactor(role);

    public static string Clean(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    private static string Group(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}

/// <summary>Which roles must enrol an authenticator app (Admin → Roles).</summary>
internal sealed class TwoFactorPolicyHandler(SiteSettingsService settings, Core.Data.CrmDbContext db)
{
    public Task<SecuritySettings> GetAsync(CancellationToken ct) => settings.GetAsync<SecuritySettings>(db, SecuritySettings.Key, ct);

    public async Task<Result<SecuritySettings>> SaveAsync(IEnumerable<string>? roles, CancellationToken ct)
    {
        var value = new SecuritySettings { RequireTwoFactorRoles = [.. (roles ?? []).Distinct(StringComparer.Ordinal)] };
        var errors = RequestValidator.Validate(value);
        if (errors.Count > 0)
        {
            return Result<SecuritySettings>.Invalid(errors);
        }
        await settings.SetAsync(db, SecuritySettings.Key, value, ct);
        return Result<SecuritySettings>.Ok(value);
    }
}
