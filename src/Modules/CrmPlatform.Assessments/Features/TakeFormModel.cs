namespace CrmPlatform.Assessments.Features;

/// <summary>What the assessment form partial renders: the questions, the values posted so far and the errors by field.</summary>
public sealed record TakeFormModel(
    AssessmentDefinition Definition,
    string? Name,
    string? Email,
    string? Phone,
    bool EmailLocked,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string[]> Errors,
    bool Disabled = false);
