using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Hosting;
using CrmPlatform.Questionnaires.Api;
using CrmPlatform.Questionnaires.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CrmPlatform.Questionnaires.Pages.Public;

/// <summary>The form <c>/q/{slug}</c>: anonymous visitors, or a signed-in lead whose email is fixed to theirs.</summary>
[AllowAnonymous]
[EnableRateLimiting(CrmServiceCollectionExtensions.PublicFormsRateLimit)]
public sealed class FillQuestionnaireModel(QuestionnaireDefinitions definitions, SubmitResponse submit, CrmDbContext db) : PageModel
{
    [FromRoute] public string Slug { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Website { get; set; }
    [BindProperty] public string? SubmissionKey { get; set; }

    public QuestionnaireDefinition Definition { get; private set; } = null!;
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public FillFormModel Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var submitter = PublicQuestionnairesApi.ToSubmitter(User);
        if (!await LoadAsync(submitter, ct))
        {
            return NotFound();
        }
        SubmissionKey = Guid.NewGuid().ToString("N");
        Form = new FillFormModel(Definition, submitter.IsLead ? submitter.Name : null, submitter.IsLead ? submitter.Email : null, null, submitter.IsLead,
            new Dictionary<string, IReadOnlyList<string>>(), Errors);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var submitter = PublicQuestionnairesApi.ToSubmitter(User);
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
            return Redirect($"/q/{Uri.EscapeDataString(Slug)}/thanks");
        }
        Errors = result.Errors;
        SubmissionKey = result.Kind == ResultKind.Conflict || SubmissionKey is null ? Guid.NewGuid().ToString("N") : SubmissionKey;
        Form = new FillFormModel(Definition, Name, submitter.IsLead ? submitter.Email : Email, Phone, submitter.IsLead, FormAnswers.Values(Request.Form), Errors);
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
