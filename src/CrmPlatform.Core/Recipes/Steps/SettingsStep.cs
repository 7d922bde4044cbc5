using System.Text.Json;
using CrmPlatform.Core.Settings;

namespace CrmPlatform.Core.Recipes.Steps;

/// <summary>
/// <c>{ "name": "settings", "General": { "siteName": "Acme", "defaultPhoneRegion": "GB" } }</c>: each property is a
/// settings group stored under its name. Groups registered with <see cref="SettingsGroup"/> are validated.
/// </summary>
internal sealed class SettingsStep(IEnumerable<SettingsGroup> groups) : IRecipeStepHandler
{
    public string StepName => "settings";

    public Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        foreach (var property in step.Data.EnumerateObject().Where(p => p.Name != "name"))
        {
            var group = groups.FirstOrDefault(g => string.Equals(g.Key, property.Name, StringComparison.OrdinalIgnoreCase));
            if (group is null)
            {
                errors.Add($"'{property.Name}' is not a settings group (known: {string.Join(", ", groups.Select(g => g.Key))}).");
                continue;
            }
            try
            {
                var value = property.Value.Deserialize(group.Type, RecipeJson.Options);
                foreach (var error in group.Validate(value))
                {
                    errors.Add($"{property.Name}: {error}");
                }
            }
            catch (JsonException ex)
            {
                errors.Add($"{property.Name}: {ex.Message}");
            }
        }
        return Task.CompletedTask;
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var settings = (SiteSettingsService)context.Services.GetService(typeof(SiteSettingsService))!;
        foreach (var property in step.Data.EnumerateObject().Where(p => p.Name != "name"))
        {
            var group = groups.First(g => string.Equals(g.Key, property.Name, StringComparison.OrdinalIgnoreCase));
            await settings.SetAsync(context.Db, group.Key, property.Value.Deserialize(group.Type, RecipeJson.Options), ct);
        }
    }
}
