using System.Text.Json;

namespace CrmPlatform.Core.Recipes;

public static class RecipeParser
{
    public static Recipe Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new RecipeException([$"The recipe is not valid JSON: {ex.Message}"]);
        }
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RecipeException(["The recipe must be a JSON object with \"name\" and \"steps\"."]);
        }
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RecipeException(["The recipe has no \"name\"."]);
        }
        var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (!root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException(["The recipe has no \"steps\" array."]);
        }
        var list = new List<RecipeStep>();
        var errors = new List<string>();
        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            index++;
            if (step.ValueKind != JsonValueKind.Object || !step.TryGetProperty("name", out var stepName) || stepName.ValueKind != JsonValueKind.String)
            {
                errors.Add($"Step {index}: each step must be an object with a \"name\".");
                continue;
            }
            list.Add(new RecipeStep(index, stepName.GetString()!, step.Clone()));
        }
        if (errors.Count > 0)
        {
            throw new RecipeException(errors);
        }
        return new Recipe(name, description, list);
    }
}
