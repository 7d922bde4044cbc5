using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Questionnaires.Pages.Admin.Questionnaires;

[Authorize(Policy = "Questionnaires.Manage")]
public sealed class QuestionnairePreviewModel(QuestionnaireDefinitions definitions, CrmDbContext db) : PageModel
{
    public QuestionnaireDefinition Definition { get; private set; } = null!;

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
