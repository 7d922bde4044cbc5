using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Tracking;

/// <summary>What a tracking token authorises.</summary>
public enum TokenPurpose
{
    Open = 'o',
    Click = 'c',
    Unsubscribe = 'u',
}

/// <summary>
/// Signed tokens of the open pixel, click redirects and unsubscribe links: <c>base64url(message id).base64url(mac)</c>
/// where mac = HMAC-SHA256(key, purpose | message id | extra)[..16]. The 256-bit key is generated once and stored in the
/// database (site setting <c>Marketing.TrackingKey</c>) so every node verifies the same tokens. Without the key a token
/// cannot be forged, and knowing one message's token tells nothing about another's (no enumeration). A click token also
/// signs the target URL, so the redirect goes only to a link the renderer put in that message.
/// </summary>
public sealed class TrackingTokens(IDbContextFactory<CrmDbContext> contexts) : IDisposable
{
    public const string KeySetting = "Marketing.TrackingKey";
    private readonly SemaphoreSlim _lock = new(1, 1);
    private byte[]? _key;

    public async Task<string> CreateAsync(Guid messageId, TokenPurpose purpose, string? extra = null, CancellationToken ct = default) =>
        Create(await KeyAsync(ct), messageId, purpose, extra);

    /// <summary>A synchronous signer (the renderer signs every link of a message without awaiting).</summary>
    public async Task<Func<Guid, TokenPurpose, string?, string>> SignerAsync(CancellationToken ct = default)
    {
        var key = await KeyAsync(ct);
        return (id, purpose, extra) => Create(key, id, purpose, extra);
    }

    private static string Create(byte[] key, Guid messageId, TokenPurpose purpose, string? extra) =>
        Base64Url.EncodeToString(messageId.ToByteArray()) + "." + Base64Url.EncodeToString(Mac(key, messageId, purpose, extra));

    /// <summary>The message id when the token is genuine for the purpose (and extra), else null.</summary>
    public async Task<Guid?> VerifyAsync(string? token, TokenPurpose purpose, string? extra = null, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64 || token.Split('.') is not [var idPart, var macPart])
        {
            return null;
        }
        var id = new byte[16];
        var mac = new byte[16];
        // 16 bytes are 22 base64url characters; anything else is not one of ours.
        if (idPart.Length != 22 || macPart.Length != 22)
        {
            return null;
        }
        try
        {
            if (!Base64Url.TryDecodeFromChars(idPart, id, out var idLength) || idLength != 16
                || !Base64Url.TryDecodeFromChars(macPart, mac, out var macLength) || macLength != 16)
            {
                return null;
            }
        }
        catch (FormatException)
        {
            return null;
        }
        var messageId = new Guid(id);
        var expected = Mac(await KeyAsync(ct), messageId, purpose, extra);
        return CryptographicOperations.FixedTimeEquals(expected, mac) ? messageId : null;
    }

    public void Dispose() => _lock.Dispose();

    private static byte[] Mac(byte[] key, Guid messageId, TokenPurpose purpose, string? extra)
    {
        var data = Encoding.UTF8.GetBytes($"{(char)purpose}|{messageId:N}|{extra}");
        return HMACSHA256.HashData(key, data)[..16];
    }

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is { } known)
        {
            return known;
        }
        await _lock.WaitAsync(ct);
        try
        {
            if (_key is not null)
            {
                return _key;
            }
            await using var db = await contexts.CreateDbContextAsync(ct);
            var row = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == KeySetting, ct);
            if (row is null)
            {
                db.SiteSettings.Add(new SiteSetting { Key = KeySetting, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another node created it first: use theirs.
                }
                await using var again = await contexts.CreateDbContextAsync(ct);
                row = await again.SiteSettings.AsNoTracking().FirstAsync(s => s.Key == KeySetting, ct);
            }
            return _key = Convert.FromBase64String(row.Value);
        }
        finally
        {
            _lock.Release();
        }
    }
}
