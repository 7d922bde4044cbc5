using System.ComponentModel.DataAnnotations;

namespace CrmPlatform.Assessments.Api;

internal static class ApiValidation
{
    /// <summary>Validates a nested object, prefixing its member names (<c>options[2].text</c>).</summary>
    public static IEnumerable<ValidationResult> Nested(object value, string prefix)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        return results.Select(r => new ValidationResult(r.ErrorMessage, r.MemberNames.Select(m => prefix + m).ToList()));
    }
}
