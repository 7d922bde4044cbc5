using CrmPlatform.Assessments.Features;
using CrmPlatform.Assessments.Scoring;
using CrmPlatform.Core.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CrmPlatform.Assessments.Pages.Admin.Assessments;

[Authorize(Policy = "Assessments.Manage")]
public sealed class AssessmentScoringModel(AssessmentQueries queries, AssessmentCommands commands, AssessmentDefinitions definitions, ScoringTester tester, CrmDbContext db) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public ScoringForm Form { get; set; } = new();
    [BindProperty] public string? Json { get; set; }

    public AssessmentDto Assessment { get; private set; } = null!;
    public AssessmentDefinition Definition { get; private set; } = null!;
    public IReadOnlyList<ScoringError> Errors { get; private set; } = [];
    public string View { get; private set; } = "form";
    public ScoringResult? TestResult { get; private set; }
    public IReadOnlyDictionary<string, string[]> TestErrors { get; private set; } = new Dictionary<string, string[]>();
    public IReadOnlyDictionary<string, string> TestValues { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(true, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFormAsync(CancellationToken ct)
    {
        if (!await LoadAsync(false, ct))
        {
            return NotFound();
        }
        var errors = new List<ScoringError>();
        var logic = Form.ApplyTo(ScoringLogicParser.ParseStored(Assessment.ScoringLogic), errors);
        return await SaveAsync(errors.Count > 0 ? null : ScoringLogicParser.Serialize(logic), errors, "form", ct);
    }

    public async Task<IActionResult> OnPostRawAsync(CancellationToken ct) =>
        await LoadAsync(false, ct) ? await SaveAsync(Json ?? "", [], "raw", ct) : NotFound();

    public async Task<IActionResult> OnPostTestAsync(CancellationToken ct)
    {
        if (!await LoadAsync(true, ct))
        {
            return NotFound();
        }
        TestValues = FormAnswers.Values(Request.Form);
        var result = await tester.TestAsync(Id, FormAnswers.Read(Request.Form, Definition), null, ct);
        TestResult = result.Value;
        TestErrors = result.Errors;
        return Page();
    }

    private async Task<IActionResult> SaveAsync(string? json, List<ScoringError> errors, string view, CancellationToken ct)
    {
        View = view;
        if (json is not null)
        {
            ScoringLogicParser.Parse(json, out var parseErrors);
            errors.AddRange(parseErrors);
        }
        if (errors.Count > 0)
        {
            Errors = errors;
            Json = json ?? Json;
            ModelState.Clear();
            return Page();
        }
        await commands.UpdateScoringAsync(Id, string.IsNullOrWhiteSpace(json) ? null : json, ct);
        TempData["Status"] = "Scoring saved.";
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(bool fillForm, CancellationToken ct)
    {
        var dto = await queries.GetAsync(Id, ct);
        var definition = await definitions.ByIdAsync(db, Id, ct);
        if (dto is null || definition is null)
        {
            return false;
        }
        Assessment = dto;
        Definition = definition;
        if (fillForm)
        {
            Form = ScoringForm.From(definition.Logic);
            Json = ScoringLogicParser.Serialize(definition.Logic);
        }
        return true;
    }
}
