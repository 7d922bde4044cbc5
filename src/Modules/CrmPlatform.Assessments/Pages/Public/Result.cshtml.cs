using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Assessments.Pages.Public;

/// <summary>The result page; <c>r</c> is the signed, time-limited link created on submit (no guessable ids).</summary>
[AllowAnonymous]
public sealed class AssessmentResultModel(AssessmentDefinitions definitions, ResultLinks links, CrmDbContext db) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    [FromQuery(Name = "r")] public string? Token { get; set; }

    public AssessmentDefinition Definition { get; private set; } = null!;
    public ResponseSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var definition = await definitions.BySlugAsync(db, Slug, ct);
        if (definition is null || links.Read(Token) is not { } responseId)
        {
            return NotFound();
        }
        var response = await db.Set<AssessmentResponse>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == responseId && r.AssessmentId == definition.Id, ct);
        if (response is null)
        {
            return NotFound();
        }
        Definition = definition;
        Summary = ResponseScoring.Summary(response);
        return Page();
    }
}
