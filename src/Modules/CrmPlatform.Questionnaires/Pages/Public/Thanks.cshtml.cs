using CrmPlatform.Core.Data;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Questionnaires.Pages.Public;

/// <summary>The thank-you page after a submission (it shows nothing of the answers, so it needs no token).</summary>
[AllowAnonymous]
public sealed class QuestionnaireThanksModel(QuestionnaireDefinitions definitions, CrmDbContext db) : PageModel
{
    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var definition = await definitions.BySlugAsync(db, slug, ct);
        if (definition is null)
        {
            return NotFound();
        }
        Title = definition.Title;
        return Page();
    }
}
