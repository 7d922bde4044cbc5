using CrmPlatform.Core.Recipes;
using CrmPlatform.Workflows.Features;
using CrmPlatform.Workflows.Model;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Workflows.Recipes;

/// <summary>
/// <c>{ "name": "workflows", "workflows": [ { "name": "…", "enabled": true, "graph": { "activities": […], "transitions": […] } } ] }</c>:
/// creates or replaces each workflow by name (idempotent), after the same validation as the editor.
/// </summary>
internal sealed class WorkflowsStep : IRecipeStepHandler
{
    public string StepName => "workflows";

    public async Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        var definitions = RecipeJson.Read<List<WorkflowDefinition>>(step, "workflows", errors);
        var types = context.Services.GetRequiredService<WorkflowTypes>();
        foreach (var definition in definitions ?? [])
        {
            var existing = await types.ValidateAsync(definition, Guid.NewGuid(), ct);
            // The name may exist already: the step replaces that workflow.
            existing.Remove("name");
            if (string.IsNullOrWhiteSpace(definition.Name))
            {
                errors.Add("A workflow has no name.");
            }
            errors.AddRange(existing.SelectMany(e => e.Value.Select(m => $"workflow '{definition.Name}': {e.Key}: {m}")));
        }
        if (definitions?.GroupBy(d => d.Name.Trim()).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            errors.Add($"The workflow '{duplicate.Key}' is listed more than once.");
        }
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var types = context.Services.GetRequiredService<WorkflowTypes>();
        foreach (var definition in RecipeJson.Read<List<WorkflowDefinition>>(step, "workflows", []) ?? [])
        {
            var result = await types.ImportAsync(definition, ct);
            if (!result.Succeeded)
            {
                throw new RecipeException([.. result.Errors.SelectMany(e => e.Value.Select(m => $"workflow '{definition.Name}': {e.Key}: {m}"))]);
            }
        }
    }
}
