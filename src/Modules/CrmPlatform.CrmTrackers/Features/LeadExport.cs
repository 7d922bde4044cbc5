using CrmPlatform.CrmTrackers.Data;
using System.Globalization;
using System.Text;
using CrmPlatform.Core.Api;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>The filtered list as CSV (up to <see cref="MaxRows"/> rows), paging through the same keyset search.</summary>
internal sealed class LeadExport(LeadSearch search)
{
    public const int MaxRows = 50_000;

    public async Task<Result<byte[]>> ExportAsync(LeadFilter filter, CancellationToken ct)
    {
        var csv = new StringBuilder();
        var fieldNames = new List<string>();
        var rows = new List<LeadDto>();
        filter.Limit = Cursor.MaxLimit;
        do
        {
            var page = await search.SearchAsync(filter, ct);
            if (!page.Succeeded)
            {
                return Result<byte[]>.Invalid(page.Errors);
            }
            rows.AddRange(page.Value!.Items);
            filter.Cursor = page.Value.NextCursor;
        }
        while (filter.Cursor is not null && rows.Count < MaxRows);
        foreach (var name in rows.SelectMany(r => r.Fields.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            fieldNames.Add(name);
        }
        Line(csv, ["id", "title", "status", "estimated_value", "expected_close_date", "contact", "contact_email", "tracker", "assigned_to", "created_at", .. fieldNames]);
        foreach (var lead in rows)
        {
            Line(csv, [lead.Id.ToString(), lead.Title, lead.Status.ToName(), lead.EstimatedValue?.ToString(CultureInfo.InvariantCulture), lead.ExpectedCloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                lead.ContactName, lead.ContactEmail, lead.TrackerName, lead.AssignedToName, lead.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                .. fieldNames.Select(n => lead.Fields.TryGetValue(n, out var v) && v is not null ? (v is System.Text.Json.Nodes.JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null)]);
        }
        return Result<byte[]>.Ok(Encoding.UTF8.GetBytes(csv.ToString()));
    }

    private static void Line(StringBuilder csv, IEnumerable<string?> values)
    {
        csv.AppendJoin(',', values.Select(Escape)).Append("\r\n");
    }

    // Quotes as RFC 4180 asks, and defuses spreadsheet formulas (a cell starting with = + - @ is prefixed with ').
    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
