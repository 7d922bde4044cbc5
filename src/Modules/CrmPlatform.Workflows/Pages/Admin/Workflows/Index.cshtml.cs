using System.Text;
using CrmPlatform.Workflows.Features;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Workflows.Pages.Admin.Workflows;

[Authorize(Policy = "Workflows.Manage")]
public sealed class WorkflowsIndexModel : PageModel
{
    private readonly WorkflowTypes _types;

    // The use-case services are internal to the module; the page resolves them from its request scope.
    public WorkflowsIndexModel(IServiceProvider services) => _types = services.GetRequiredService<WorkflowTypes>();

    public IReadOnlyList<WorkflowTypeSummary> Workflows { get; private set; } = [];

    [BindProperty]
    public string? ImportJson { get; set; }

    public IReadOnlyList<string> ImportErrors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Workflows = await _types.ListAsync(ct);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) => await SetEnabledAsync(id, true, ct);

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) => await SetEnabledAsync(id, false, ct);

    private async Task<IActionResult> SetEnabledAsync(Guid id, bool enabled, CancellationToken ct)
    {
        var result = await _types.SetEnabledAsync(id, enabled, ct);
        if (!result.Succeeded)
        {
            return NotFound();
        }
        TempData["Status"] = $"{result.Value!.Name} {(enabled ? "enabled" : "disabled")}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        if (!await _types.DeleteAsync(id, ct))
        {
            return NotFound();
        }
        TempData["Status"] = "Workflow deleted.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken ct)
    {
        var definition = await _types.ExportAsync(id, ct);
        if (definition is null)
        {
            return NotFound();
        }
        var json = WorkflowTypes.ToExportJson(definition);
        var file = new string([.. definition.Name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"{file}.workflow.json");
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var parsed = WorkflowTypes.Parse(ImportJson ?? "");
        var result = parsed.Succeeded ? await _types.ImportAsync(parsed.Value!, ct) : null;
        var errors = parsed.Succeeded ? result!.Errors : parsed.Errors;
        if (errors.Count == 0)
        {
            TempData["Status"] = $"Workflow '{result!.Value!.Name}' imported.";
            return RedirectToPage();
        }
        ImportErrors = [.. errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))];
        Workflows = await _types.ListAsync(ct);
        return Page();
    }
}
