using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;
using PhoneNumbers;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>
/// Custom field values: checked against their field, stored as text in one canonical form per type (numbers invariant,
/// dates yyyy-MM-dd, booleans true/false, phones E.164, multi-select a JSON array), and given back typed for the API.
/// </summary>
internal static class FieldValues
{
    public const int TextMaxLength = 1000;
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public static (string? Stored, string? Error) Normalize(CrmField field, JsonNode? input, string phoneRegion)
    {
        if (IsEmpty(input))
        {
            return field.IsRequired ? (null, $"{field.Label} is required.") : (null, null);
        }
        return field.Type switch
        {
            FieldType.Text => Text(field, input!, TextMaxLength),
            FieldType.Textarea => Text(field, input!, LeadFieldValue.ValueMaxLength),
            FieldType.Number => Number(field, input!),
            FieldType.Email => Email(field, input!),
            FieldType.Phone => Phone(field, input!, phoneRegion),
            FieldType.Date => Date(field, input!),
            FieldType.Boolean => input is JsonValue b && b.TryGetValue<bool>(out var flag) ? (flag ? "true" : "false", null) : (null, $"{field.Label} must be true or false."),
            FieldType.Select => Select(field, input!),
            FieldType.MultiSelect => MultiSelect(field, input!),
            _ => (null, $"{field.Label} has an unknown type."),
        };
    }

    /// <summary>The stored text as the API shows it: numbers as numbers, booleans as booleans, multi-select as arrays.</summary>
    public static JsonNode? ToTyped(FieldType type, string? stored)
    {
        if (stored is null)
        {
            return null;
        }
        return type switch
        {
            FieldType.Number when decimal.TryParse(stored, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            FieldType.Boolean => JsonValue.Create(stored == "true"),
            FieldType.MultiSelect => new JsonArray([.. FieldOptions.Read(stored).Select(s => (JsonNode?)JsonValue.Create(s))]),
            _ => JsonValue.Create(stored),
        };
    }

    /// <summary>How a stored value reads on screen.</summary>
    public static string Display(FieldType type, string? stored) => type switch
    {
        _ when stored is null => "",
        FieldType.MultiSelect => string.Join(", ", FieldOptions.Read(stored)),
        FieldType.Boolean => stored == "true" ? "Yes" : "No",
        _ => stored,
    };

    /// <summary>Turns posted form strings into the same shape the API sends, so both share <see cref="Normalize"/>.</summary>
    public static JsonNode? FromForm(FieldType type, IReadOnlyList<string> values)
    {
        var first = values.Count > 0 ? values[0]?.Trim() : null;
        return type switch
        {
            FieldType.MultiSelect => new JsonArray([.. values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => (JsonNode?)JsonValue.Create(v))]),
            FieldType.Boolean => JsonValue.Create(values.Any(v => v == "true")),
            FieldType.Number when string.IsNullOrEmpty(first) => null,
            FieldType.Number when decimal.TryParse(first, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => string.IsNullOrEmpty(first) ? null : JsonValue.Create(first),
        };
    }

    private static bool IsEmpty(JsonNode? input) =>
        input is null
        || (input is JsonValue v && v.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(v.GetValue<string>()))
        || input is JsonArray { Count: 0 };

    private static bool TryString(JsonNode input, out string value)
    {
        value = "";
        if (input is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>().Trim();
            return true;
        }
        return false;
    }

    private static (string?, string?) Text(CrmField field, JsonNode input, int max)
    {
        if (!TryString(input, out var text))
        {
            return (null, $"{field.Label} must be text.");
        }
        return text.Length > max ? (null, $"{field.Label} must be at most {max} characters.") : (text, null);
    }

    private static (string?, string?) Number(CrmField field, JsonNode input)
    {
        if (input is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<decimal>(out var number))
        {
            return (null, $"{field.Label} must be a number.");
        }
        return (number.ToString(CultureInfo.InvariantCulture), null);
    }

    private static (string?, string?) Email(CrmField field, JsonNode input)
    {
        if (!TryString(input, out var text) || text.Length > 254 || !MailAddress.TryCreate(text, out var address) || address.Address != text || !text.Contains('.', StringComparison.Ordinal))
        {
            return (null, $"{field.Label} must be an email address.");
        }
        return (text.ToLowerInvariant(), null);
    }

    private static (string?, string?) Phone(CrmField field, JsonNode input, string region)
    {
        if (!TryString(input, out var text) || text.Length > 32)
        {
            return (null, $"{field.Label} must be a phone number.");
        }
        try
        {
            var number = Phones.Parse(text, region);
            if (Phones.IsValidNumber(number))
            {
                return (Phones.Format(number, PhoneNumberFormat.E164), null);
            }
        }
        catch (NumberParseException)
        {
        }
        return (null, $"{field.Label} must be a valid phone number (with the country code if it is not a {region} number).");
    }

    private static (string?, string?) Date(CrmField field, JsonNode input)
    {
        if (!TryString(input, out var text) || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, $"{field.Label} must be a date in the form YYYY-MM-DD.");
        }
        return (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    }

    private static (string?, string?) Select(CrmField field, JsonNode input)
    {
        if (!TryString(input, out var text))
        {
            return (null, $"{field.Label} must be one of the options as text.");
        }
        var options = FieldOptions.Read(field.Options);
        return options.Contains(text, StringComparer.Ordinal) ? (text, null) : (null, $"'{text}' is not an option of {field.Label} ({string.Join(", ", options)}).");
    }

    private static (string?, string?) MultiSelect(CrmField field, JsonNode input)
    {
        if (input is not JsonArray array)
        {
            return (null, $"{field.Label} must be an array of options.");
        }
        var options = FieldOptions.Read(field.Options);
        var chosen = new List<string>();
        foreach (var item in array)
        {
            if (item is null || !TryString(item, out var text))
            {
                return (null, $"{field.Label} must be an array of options as text.");
            }
            if (!options.Contains(text, StringComparer.Ordinal))
            {
                return (null, $"'{text}' is not an option of {field.Label} ({string.Join(", ", options)}).");
            }
            if (!chosen.Contains(text, StringComparer.Ordinal))
            {
                chosen.Add(text);
            }
        }
        return (JsonSerializer.Serialize(chosen), null);
    }
}
