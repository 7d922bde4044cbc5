using System.Text.Json;

namespace CrmPlatform.Core.Recipes;

/// <summary>Small readers for step JSON that record a clear error instead of throwing.</summary>
public static class RecipeJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the step property <paramref name="property"/> as <typeparamref name="T"/>; on failure adds an error and returns default.</summary>
    public static T? Read<T>(RecipeStep step, string property, List<string> errors, bool required = true)
    {
        if (!step.Data.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add($"\"{property}\" is missing.");
            }
            return default;
        }
        try
        {
            return element.Deserialize<T>(Options);
        }
        catch (JsonException ex)
        {
            errors.Add($"\"{property}\" is not in the expected form: {ex.Message}");
            return default;
        }
    }
}
