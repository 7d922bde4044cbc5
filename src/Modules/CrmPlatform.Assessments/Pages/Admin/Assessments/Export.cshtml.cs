using System.Text;
using CrmPlatform.Assessments.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Assessments.Pages.Admin.Assessments;

/// <summary>Downloads the assessment's responses as CSV.</summary>
[Authorize(Policy = "Assessments.Export")]
public sealed class AssessmentExportModel(AssessmentQueries queries, ResponseExport export) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var assessment = await queries.GetAsync(id, ct);
        if (assessment is null)
        {
            return NotFound();
        }
        // Buffered: the server refuses synchronous writes, and CsvHelper's writer may flush synchronously.
        using var buffer = new MemoryStream();
        await using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        {
            await export.WriteAsync(id, writer, ct);
        }
        return File(buffer.ToArray(), "text/csv; charset=utf-8", $"assessment-{id:N}-responses.csv");
    }
}
