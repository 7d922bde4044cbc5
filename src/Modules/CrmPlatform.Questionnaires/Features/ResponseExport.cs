using System.Globalization;
using CsvHelper;

namespace CrmPlatform.Questionnaires.Features;

/// <summary>
/// Writes a questionnaire's responses as CSV: one row per response, one column per question (checkbox answers joined
/// with "; "). Cells a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) get a leading
/// quote (CsvHelper's injection escape), since names and answers come from the public.
/// </summary>
public sealed class ResponseExport(QuestionnaireQueries questionnaires, ResponseQueries responses)
{
    private static readonly string[] FixedColumns = ["responseId", "submittedAt", "contactName", "contactEmail"];

    public async Task<bool> WriteAsync(Guid questionnaireId, ResponseFilter filter, TextWriter writer, CancellationToken ct)
    {
        var questionnaire = await questionnaires.GetAsync(questionnaireId, ct);
        if (questionnaire is null)
        {
            return false;
        }
        var options = new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        await using var csv = CsvWriter.Create(writer, options, true);
        foreach (var column in FixedColumns.Concat(questionnaire.Questions.Select(q => q.Question)))
        {
            csv.WriteField(column);
        }
        await csv.EndRecordAsync(ct);
        await foreach (var r in responses.AllAsync(questionnaireId, filter, ct))
        {
            csv.WriteField(r.Response.Id.ToString());
            csv.WriteField(r.Response.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            csv.WriteField(r.Response.ContactName);
            csv.WriteField(r.Response.ContactEmail);
            foreach (var q in questionnaire.Questions)
            {
                csv.WriteField(string.Join("; ", r.Answers.Where(a => a.QuestionId == q.Id).Select(a => a.Display)));
            }
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        return true;
    }
}
