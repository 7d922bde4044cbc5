using System.ComponentModel.DataAnnotations;

namespace CrmPlatform.Core.Settings;

/// <summary>A named settings object a module stores in <see cref="SiteSetting"/> (validated by DataAnnotations).</summary>
public sealed record SettingsGroup(string Key, Type Type)
{
    public IEnumerable<string> Validate(object? value)
    {
        if (value is null)
        {
            yield return "is empty.";
            yield break;
        }
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return result.ErrorMessage ?? "is invalid.";
        }
    }
}
