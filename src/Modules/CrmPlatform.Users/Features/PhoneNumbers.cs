using CrmPlatform.Core.Settings;
using PhoneNumbers;

namespace CrmPlatform.Users.Features;

/// <summary>
/// Phone numbers are stored in E.164 (<c>+442079460000</c>) so they compare equal however they were typed; a number
/// written without its country code is read in the site's default region.
/// </summary>
internal sealed class PhoneNumberNormalizer(SiteSettingsService settings)
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public const string Invalid = "Enter a valid phone number (with its country code, e.g. +44 20 7946 0000, if it is not a local number).";

    /// <summary>The E.164 form, or null when the text is not a valid number.</summary>
    public async Task<string?> ToE164Async(string phone, CancellationToken ct)
    {
        var region = (await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, ct)).DefaultPhoneRegion;
        try
        {
            var number = Util.Parse(phone, string.IsNullOrWhiteSpace(region) ? "US" : region);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>Rewrites the request's phone in E.164, or adds the field error.</summary>
    public async Task NormalizeAsync(ProfileFields fields, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (fields.Phone is null || errors.ContainsKey(nameof(fields.Phone)))
        {
            return;
        }
        var normalized = await ToE164Async(fields.Phone, ct);
        if (normalized is null)
        {
            errors.Append(nameof(fields.Phone), Invalid);
        }
        else
        {
            fields.Phone = normalized;
        }
    }
}
