using System.Text;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CsvHelper;

namespace CrmPlatform.Contacts.Features.Imports;

/// <summary>The contact fields a CSV column can fill, how headers are guessed, and how one record becomes a <see cref="ContactInput"/>.</summary>
public static class ImportFields
{
    public const string Category = "Category";

    /// <summary>Field → header spellings that map to it without the user choosing (compared without spaces, dashes, underscores).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Fields = new Dictionary<string, string[]>
    {
        [nameof(ContactInput.Name)] = ["name", "fullname", "contactname", "contact"],
        [nameof(ContactInput.EmailId)] = ["email", "emailid", "emailaddress", "mail"],
        [nameof(ContactInput.ContactNo)] = ["phone", "contactno", "phonenumber", "mobile", "telephone", "tel"],
        [nameof(ContactInput.Location)] = ["location", "city", "place"],
        [nameof(ContactInput.Type)] = ["type", "contacttype"],
        [nameof(ContactInput.Company)] = ["company", "organisation", "organization", "employer"],
        [nameof(ContactInput.Designation)] = ["designation", "title", "jobtitle", "role", "position"],
        [nameof(ContactInput.Industry)] = ["industry", "sector"],
        [nameof(ContactInput.Website)] = ["website", "url", "web", "site"],
        [Category] = ["category", "categoryname", "group"],
    };

    public static readonly IReadOnlyList<string> Required =
        [nameof(ContactInput.Name), nameof(ContactInput.EmailId), nameof(ContactInput.ContactNo), nameof(ContactInput.Location), nameof(ContactInput.Type)];

    /// <summary>Header → field for every header whose name is a known spelling (each field at most once).</summary>
    public static Dictionary<string, string> Guess(IEnumerable<string> headers)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            var key = new string(header.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
            var field = Fields.FirstOrDefault(f => f.Value.Contains(key) || f.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Key;
            if (field is not null && !mapping.ContainsValue(field))
            {
                mapping[header] = field;
            }
        }
        return mapping;
    }

    /// <summary>Field messages for a mapping that names unknown headers or fields, maps a field twice, or leaves a required field out.</summary>
    public static Dictionary<string, string[]> Check(IReadOnlyDictionary<string, string> mapping, IReadOnlyList<string> headers)
    {
        var errors = new List<string>();
        foreach (var (header, field) in mapping)
        {
            if (!headers.Contains(header))
            {
                errors.Add($"The file has no column '{header}'.");
            }
            if (!Fields.ContainsKey(field))
            {
                errors.Add($"'{field}' is not a contact field; use one of: {string.Join(", ", Fields.Keys)}.");
            }
        }
        foreach (var twice in mapping.Values.GroupBy(v => v).Where(g => g.Count() > 1))
        {
            errors.Add($"Only one column can fill {twice.Key}.");
        }
        var missing = Required.Where(r => !mapping.Values.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"Choose a column for: {string.Join(", ", missing)}.");
        }
        return errors.Count == 0 ? [] : new Dictionary<string, string[]> { ["mapping"] = errors.ToArray() };
    }

    /// <summary>The input a record gives (unparsable type or unknown category name as messages), plus the category name.</summary>
    public static (ContactInput Input, Dictionary<string, string[]> Errors) ToInput(
        IReadOnlyDictionary<string, string> mapping, Func<string, string?> value, IReadOnlyDictionary<string, Guid> categoriesByName)
    {
        var input = new ContactInput();
        var errors = new Dictionary<string, string[]>();
        foreach (var (header, field) in mapping)
        {
            var text = value(header);
            var blank = string.IsNullOrWhiteSpace(text);
            switch (field)
            {
                case nameof(ContactInput.Name): input.Name = text; break;
                case nameof(ContactInput.EmailId): input.EmailId = text; break;
                case nameof(ContactInput.ContactNo): input.ContactNo = text; break;
                case nameof(ContactInput.Location): input.Location = text; break;
                case nameof(ContactInput.Company): input.Company = text; break;
                case nameof(ContactInput.Designation): input.Designation = text; break;
                case nameof(ContactInput.Industry): input.Industry = text; break;
                case nameof(ContactInput.Website): input.Website = text; break;
                case nameof(ContactInput.Type) when !blank:
                    if (EnumNames.TryParse<ContactType>(text!.Trim().ToLowerInvariant(), out var type))
                    {
                        input.Type = type;
                    }
                    else
                    {
                        errors[nameof(ContactInput.Type)] = [$"'{text.Trim()}' is not a type; use entrepreneur or employee."];
                    }
                    break;
                case Category when !blank:
                    if (categoriesByName.TryGetValue(text!.Trim().ToLowerInvariant(), out var categoryId))
                    {
                        input.CategoryId = categoryId;
                    }
                    else
                    {
                        errors[nameof(ContactInput.CategoryId)] = [$"There is no category named '{text.Trim()}'."];
                    }
                    break;
            }
        }
        return (input, errors);
    }
}

/// <summary>Reading uploaded CSV: UTF-8 with or without BOM, comma or semicolon, header on the first line.</summary>
public static class CsvFiles
{
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>Semicolon when the header line has more semicolons than commas (outside quotes), else comma.</summary>
    public static string DetectDelimiter(string headerLine)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == ',') commas++;
            else if (!quoted && c == ';') semicolons++;
        }
        return semicolons > commas ? ";" : ",";
    }

    /// <summary>A reader over the file's bytes (a UTF-8 BOM is honoured), tracking line numbers for the rejected-rows report.</summary>
    public static CsvReader Open(Stream stream, string delimiter) =>
        CsvReader.Create(stream, new CsvReaderOptions { Separator = delimiter[0], TrackLineNumbers = true }, true);

    public static CsvWriter Writer(Stream stream) => CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true }, true);

    /// <summary>Spreadsheet formula injection: a cell starting with =, +, -, @, tab or CR is prefixed with a single quote.</summary>
    public static string? Neutralize(string? value) =>
        string.IsNullOrEmpty(value) || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') ? value : "'" + value;
}
