using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Assessments.Pages.Admin.Assessments;

[Authorize(Policy = "Assessments.Manage")]
public sealed class AssessmentPreviewModel(AssessmentDefinitions definitions, CrmDbContext db) : PageModel
{
    public AssessmentDefinition Definition { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var definition = await definitions.ByIdAsync(db, id, ct);
        if (definition is null)
        {
            return NotFound();
        }
        Definition = definition;
        return Page();
    }
}
