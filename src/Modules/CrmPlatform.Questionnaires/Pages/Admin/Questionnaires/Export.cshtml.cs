using System.Text;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Questionnaires.Pages.Admin.Questionnaires;

/// <summary>Downloads the questionnaire's responses (within the summary's filter) as CSV.</summary>
[Authorize(Policy = "Questionnaires.Export")]
public sealed class QuestionnaireExportModel(ResponseExport export) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, DateOnly? from, DateOnly? to, Guid? categoryId, CancellationToken ct)
    {
        // Buffered: the server refuses synchronous writes, and CsvHelper's writer may flush synchronously.
        using var buffer = new MemoryStream();
        bool found;
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            found = await export.WriteAsync(id, new ResponseFilter(from, to, categoryId), writer, ct);
        }
        return found ? File(buffer.ToArray(), "text/csv; charset=utf-8", $"questionnaire-{id:N}-responses.csv") : NotFound();
    }
}
