using System.Globalization;
using CsvHelper;

namespace CrmPlatform.Assessments.Features;

/// <summary>
/// Writes an assessment's responses as CSV. Text cells that a spreadsheet would run as a formula (starting with
/// = + - @, tab or carriage return) get a leading quote (CsvHelper's injection escape), since names come from the public.
/// </summary>
public sealed class ResponseExport(ResponseQueries queries)
{
    public async Task WriteAsync(Guid assessmentId, TextWriter writer, CancellationToken ct)
    {
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        await using var csv = CsvWriter.Create(writer, options, true);
        string[] header = ["responseId", "submittedAt", "contactName", "contactEmail", "totalScore", "maxScore", "percentage", "ranking", "personalityType", "traits", "innerDrives", "baselines", "status"];
        foreach (var column in header)
        {
            csv.WriteField(column);
        }
        await csv.EndRecordAsync(ct);
        await foreach (var r in queries.AllAsync(assessmentId, ct))
        {
            csv.WriteField(r.Id.ToString());
            csv.WriteField(r.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            csv.WriteField(r.ContactName ?? "");
            csv.WriteField(r.ContactEmail ?? "");
            csv.WriteField(r.TotalScore.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.MaxScore.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Percentage.ToString("0.00", CultureInfo.InvariantCulture));
            csv.WriteField(r.Ranking ?? "");
            csv.WriteField(r.PersonalityType ?? "");
            csv.WriteField(r.Traits ?? "");
            csv.WriteField(r.InnerDrives ?? "");
            csv.WriteField(r.Baselines ?? "");
            csv.WriteField(r.Status == Data.ResponseStatus.PendingGrading ? "pending_grading" : "completed");
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }
}
