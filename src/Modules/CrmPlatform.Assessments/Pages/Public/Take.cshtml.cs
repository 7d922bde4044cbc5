using CrmPlatform.Assessments.Api;
using CrmPlatform.Assessments.Features;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CrmPlatform.Assessments.Pages.Public;

/// <summary>The public form <c>/a/{slug}</c>: anonymous visitors, or a signed-in lead whose email is fixed to theirs.</summary>
[AllowAnonymous]
[EnableRateLimiting(CrmServiceCollectionExtensions.PublicFormsRateLimit)]
public sealed class TakeAssessmentModel(AssessmentDefinitions definitions, SubmitResponse submit, ResultLinks links, CrmDbContext db) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Website { get; set; }
    [BindProperty] public string? SubmissionKey { get; set; }

    public AssessmentDefinition Definition { get; private set; } = null!;
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public TakeFormModel Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var submitter = PublicAssessmentsApi.ToSubmitter(User);
        if (!await LoadAsync(submitter, ct))
        {
            return NotFound();
        }
        SubmissionKey = Guid.NewGuid().ToString("N");
        Form = new TakeFormModel(Definition, submitter.IsLead ? submitter.Name : null, submitter.IsLead ? submitter.Email : null, null, submitter.IsLead,
            new Dictionary<string, string>(), Errors);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var submitter = PublicAssessmentsApi.ToSubmitter(User);
        if (!await LoadAsync(submitter, ct))
        {
            return NotFound();
        }
        var request = new SubmitResponseRequest(Name, Email, Phone, FormAnswers.Read(Request.Form, Definition), SubmissionKey, Website);
        var result = await submit.HandleAsync(Slug, request, submitter, ct);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }
        if (result.Succeeded)
        {
            return Redirect($"/a/{Slug}/result?r={Uri.EscapeDataString(links.Create(result.Value!.ResponseId))}");
        }
        Errors = result.Errors;
        SubmissionKey = result.Kind == ResultKind.Conflict || SubmissionKey is null ? Guid.NewGuid().ToString("N") : SubmissionKey;
        Form = new TakeFormModel(Definition, Name, submitter.IsLead ? submitter.Email : Email, Phone, submitter.IsLead, FormAnswers.Values(Request.Form), Errors);
        return Page();
    }

    private async Task<bool> LoadAsync(Submitter submitter, CancellationToken ct)
    {
        var definition = await definitions.BySlugAsync(db, Slug, ct);
        if (definition is null || !SubmitResponse.IsOffered(definition, submitter))
        {
            return false;
        }
        Definition = definition;
        return true;
    }
}
