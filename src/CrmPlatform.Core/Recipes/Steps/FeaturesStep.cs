using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;

namespace CrmPlatform.Core.Recipes.Steps;

/// <summary><c>{ "name": "features", "enable": ["CrmPlatform.Contacts"], "disable": [] }</c></summary>
internal sealed class FeaturesStep(ModuleCatalog catalog, IFeatureManager features) : IRecipeStepHandler
{
    public string StepName => "features";

    public Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        foreach (var id in (RecipeJson.Read<string[]>(step, "enable", errors, required: false) ?? [])
                     .Concat(RecipeJson.Read<string[]>(step, "disable", errors, required: false) ?? []))
        {
            if (catalog.Find(id) is null)
            {
                errors.Add($"there is no feature '{id}'.");
            }
        }
        return Task.CompletedTask;
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var errors = new List<string>();
        foreach (var id in RecipeJson.Read<string[]>(step, "enable", errors, required: false) ?? [])
        {
            Check(await features.SetAsync(context.Db, id, true, ct));
        }
        foreach (var id in RecipeJson.Read<string[]>(step, "disable", errors, required: false) ?? [])
        {
            Check(await features.SetAsync(context.Db, id, false, ct));
        }
    }

    private static void Check(FeatureChangeResult result)
    {
        if (!result.Succeeded)
        {
            throw new RecipeException([result.Error!]);
        }
    }
}
