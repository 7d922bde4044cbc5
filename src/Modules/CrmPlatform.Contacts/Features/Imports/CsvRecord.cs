using CsvHelper;

namespace CrmPlatform.Contacts.Features.Imports;

/// <summary>One data record: its line in the file (header = line 1), its cells by header, and the raw text for the report.</summary>
public sealed record CsvRecord(int Line, IReadOnlyDictionary<string, string?> Cells, string Raw)
{
    public static CsvRecord From(CsvReader csv)
    {
        var headers = csv.Headers.ToList();
        var cells = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            cells.TryAdd(headers[i], i < csv.FieldCount ? Unquote(csv.GetStringOrNull(i)) : null);
        }
        return new CsvRecord((int)csv.LineNumber, cells, System.Text.Encoding.UTF8.GetString(csv.RawRecord));
    }

    public (ContactInput Input, Dictionary<string, string[]> Errors) ToInput(IReadOnlyDictionary<string, string> mapping, IReadOnlyDictionary<string, Guid> categories) =>
        ImportFields.ToInput(mapping, header => Cells.GetValueOrDefault(header), categories);

    /// <summary>Undoes our export's formula guard ('+44…' → +44…), so an exported file imports again.</summary>
    private static string? Unquote(string? value) =>
        value is { Length: > 1 } && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;
}
