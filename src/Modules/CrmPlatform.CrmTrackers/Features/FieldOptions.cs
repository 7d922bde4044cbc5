using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>CRM_FIELDS.options: for select types a JSON array of distinct, non-empty strings; for other types nothing.</summary>
internal static class FieldOptions
{
    public const int MaxOptions = 200;
    public const int OptionMaxLength = 200;

    public static bool HasOptions(this FieldType type) => type is FieldType.Select or FieldType.MultiSelect;

    /// <summary>Reads stored options (never fails: a row written by this module is always valid).</summary>
    public static IReadOnlyList<string> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Checks options given as a JSON array (or a string holding one); returns the JSON to store or an error.</summary>
    public static (string? Json, string? Error) Validate(FieldType type, JsonNode? options)
    {
        if (options is JsonValue value && value.TryGetValue<string>(out var text))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                options = null;
            }
            else
            {
                try
                {
                    options = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    return (null, "Options must be a JSON array of strings, e.g. [\"Small\", \"Large\"].");
                }
            }
        }
        if (!type.HasOptions())
        {
            return options is null || (options is JsonArray { Count: 0 }) ? (null, null) : (null, "Options apply only to select and multi-select fields.");
        }
        if (options is not JsonArray array || array.Count == 0)
        {
            return (null, "A select field needs a JSON array of at least one option, e.g. [\"Small\", \"Large\"].");
        }
        if (array.Count > MaxOptions)
        {
            return (null, $"A field can have at most {MaxOptions} options.");
        }
        var list = new List<string>();
        foreach (var item in array)
        {
            if (item is not JsonValue v || !v.TryGetValue<string>(out var option))
            {
                return (null, "Every option must be a string.");
            }
            option = option.Trim();
            if (option.Length == 0)
            {
                return (null, "Options cannot be empty.");
            }
            if (option.Length > OptionMaxLength)
            {
                return (null, $"Options must be at most {OptionMaxLength} characters.");
            }
            if (list.Contains(option, StringComparer.Ordinal))
            {
                return (null, $"The option '{option}' is listed twice.");
            }
            list.Add(option);
        }
        var json = JsonSerializer.Serialize(list);
        return json.Length > CrmField.OptionsMaxLength ? (null, "The options are too long.") : (json, null);
    }

    /// <summary>Options typed in a form, one per line.</summary>
    public static JsonNode? FromLines(string? lines)
    {
        if (string.IsNullOrWhiteSpace(lines))
        {
            return null;
        }
        var array = new JsonArray();
        foreach (var line in lines.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            array.Add(line);
        }
        return array;
    }
}
