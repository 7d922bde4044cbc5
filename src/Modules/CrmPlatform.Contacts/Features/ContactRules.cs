using System.Net.Mail;
using CrmPlatform.Contacts.Data;
using PhoneNumbers;

namespace CrmPlatform.Contacts.Features;

/// <summary>Normalisation shared by every way a contact is written, so uniqueness and duplicate detection agree.</summary>
public static class ContactRules
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static bool IsEmail(string value)
    {
        var trimmed = value.Trim();
        return MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.EndsWith('.')
            && !trimmed.Any(char.IsWhiteSpace);
    }

    /// <summary>E.164 (<c>+14155550100</c>) when the number is valid, read in <paramref name="defaultRegion"/> without a country code.</summary>
    public static bool TryNormalizePhone(string input, string defaultRegion, out string e164)
    {
        e164 = "";
        try
        {
            var number = Phones.Parse(input.Trim(), defaultRegion);
            if (!Phones.IsValidNumber(number))
            {
                return false;
            }
            e164 = Phones.Format(number, PhoneNumberFormat.E164);
            return e164.Length <= Contact.PhoneMaxLength;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    public static bool IsWebUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && uri.Host.Contains('.', StringComparison.Ordinal);

    /// <summary>Whether a link belongs to the platform (any host for <see cref="SocialPlatform.Other"/>).</summary>
    public static bool IsOnPlatform(SocialPlatform platform, string url)
    {
        if (!IsWebUrl(url))
        {
            return false;
        }
        var host = new Uri(url.Trim()).Host.ToLowerInvariant();
        static bool On(string host, string domain) => host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
        return platform switch
        {
            SocialPlatform.Linkedin => On(host, "linkedin.com"),
            SocialPlatform.Facebook => On(host, "facebook.com") || On(host, "fb.com"),
            SocialPlatform.Instagram => On(host, "instagram.com"),
            SocialPlatform.Twitter => On(host, "twitter.com") || On(host, "x.com"),
            SocialPlatform.Youtube => On(host, "youtube.com") || On(host, "youtu.be"),
            _ => true,
        };
    }

    public static string PlatformDomains(SocialPlatform platform) => platform switch
    {
        SocialPlatform.Linkedin => "linkedin.com",
        SocialPlatform.Facebook => "facebook.com",
        SocialPlatform.Instagram => "instagram.com",
        SocialPlatform.Twitter => "twitter.com or x.com",
        SocialPlatform.Youtube => "youtube.com or youtu.be",
        _ => "any site",
    };

    /// <summary>Where a contact's page is; duplicate messages carry it so screens can link to the existing contact.</summary>
    public static string PageUrl(Guid id) => $"/admin/contacts/{id}";
}
