using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CrmPlatform.Assessments.Features;

/// <summary>
/// The result page's link: the response id, signed and time-limited, so a visitor can reopen their result but nobody
/// can walk other ids.
/// </summary>
public sealed class ResultLinks(IDataProtectionProvider provider)
{
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("CrmPlatform.Assessments.Result").ToTimeLimitedDataProtector();

    public string Create(Guid responseId) => _protector.Protect(responseId.ToString("N"), TimeSpan.FromDays(7));

    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }
        try
        {
            return Guid.TryParseExact(_protector.Unprotect(token), "N", out var id) ? id : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
