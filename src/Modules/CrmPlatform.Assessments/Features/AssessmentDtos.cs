using System.ComponentModel.DataAnnotations;
using CrmPlatform.Assessments.Data;
using CrmPlatform.Assessments.Scoring;

namespace CrmPlatform.Assessments.Features;

public sealed record OptionDto(Guid Id, string Text, int Points, bool IsCorrect, int SortOrder, IReadOnlyDictionary<string, int> Dimensions);

public sealed record QuestionDto(Guid Id, string Question, QuestionType Type, int Points, int SortOrder, int AnswerCount, IReadOnlyList<OptionDto> Options);

public sealed record AssessmentDto(
    Guid Id, string Title, string? Description, AssessmentTrait Trait, bool IsActive, bool IsPublic, string PublicUrl, string? ScoringLogic,
    bool ShowScore, bool ShowRanking, bool ShowPersonalityType, bool ShowTraits, bool AskPhone, bool OfferToLeads, Guid? ContactCategoryId,
    Guid? CreatedById, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt, int ResponseCount, IReadOnlyList<QuestionDto> Questions);

public sealed record AssessmentListItem(Guid Id, string Title, AssessmentTrait Trait, bool IsActive, bool IsPublic, string PublicUrl, int QuestionCount, int ResponseCount, DateTime CreatedAt, DateTime? DeletedAt);

/// <summary>The assessment form and the API body (create and update).</summary>
public sealed class AssessmentInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter a title."), StringLength(Assessment.TitleMaxLength)]
    public string Title { get; set; } = "";

    [StringLength(Assessment.DescriptionMaxLength)]
    public string? Description { get; set; }

    public AssessmentTrait Trait { get; set; }
    public bool IsActive { get; set; } = true;
    public bool IsPublic { get; set; }

    [StringLength(Assessment.ScoringLogicMaxLength)]
    public string? ScoringLogic { get; set; }

    public bool ShowScore { get; set; } = true;
    public bool ShowRanking { get; set; } = true;
    public bool ShowPersonalityType { get; set; } = true;
    public bool ShowTraits { get; set; } = true;
    public bool AskPhone { get; set; } = true;
    public bool OfferToLeads { get; set; }
    public Guid? ContactCategoryId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Trait))
        {
            yield return new ValidationResult("Choose a trait.", [nameof(Trait)]);
        }
        ScoringLogicParser.Parse(ScoringLogic, out var errors);
        foreach (var error in errors)
        {
            yield return new ValidationResult(error.ToString(), [nameof(ScoringLogic)]);
        }
    }

    public static AssessmentInput From(Assessment a) => new()
    {
        Title = a.Title, Description = a.Description, Trait = a.Trait, IsActive = a.IsActive, IsPublic = a.IsPublic, ScoringLogic = a.ScoringLogic,
        ShowScore = a.ShowScore, ShowRanking = a.ShowRanking, ShowPersonalityType = a.ShowPersonalityType, ShowTraits = a.ShowTraits,
        AskPhone = a.AskPhone, OfferToLeads = a.OfferToLeads, ContactCategoryId = a.ContactCategoryId,
    };

    public void ApplyTo(Assessment a)
    {
        a.Title = Title.Trim();
        a.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        a.Trait = Trait;
        a.IsActive = IsActive;
        a.IsPublic = IsPublic;
        a.ScoringLogic = string.IsNullOrWhiteSpace(ScoringLogic) ? null : ScoringLogic.Trim();
        a.ShowScore = ShowScore;
        a.ShowRanking = ShowRanking;
        a.ShowPersonalityType = ShowPersonalityType;
        a.ShowTraits = ShowTraits;
        a.AskPhone = AskPhone;
        a.OfferToLeads = OfferToLeads;
        a.ContactCategoryId = ContactCategoryId;
    }
}

public sealed class QuestionInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the question."), StringLength(AssessmentQuestion.QuestionMaxLength)]
    public string Question { get; set; } = "";

    public QuestionType Type { get; set; }

    [Range(0, 10_000)]
    public int Points { get; set; }

    /// <summary>Position; appended at the end when null.</summary>
    public int? SortOrder { get; set; }

    /// <summary>Options created with the question (choices; true/false gets True and False when empty).</summary>
    public List<OptionInput>? Options { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Type))
        {
            yield return new ValidationResult("Choose a question type.", [nameof(Type)]);
        }
        if (Options is { Count: > 0 } && Type is QuestionType.Subjective or QuestionType.RatingScale)
        {
            yield return new ValidationResult("Only multiple-choice and true/false questions have options.", [nameof(Options)]);
        }
        if (Options is { Count: > 50 })
        {
            yield return new ValidationResult("At most 50 options.", [nameof(Options)]);
        }
        for (var i = 0; i < (Options?.Count ?? 0); i++)
        {
            foreach (var result in Api.ApiValidation.Nested(Options![i], $"options[{i}]."))
            {
                yield return result;
            }
        }
    }
}

public sealed class OptionInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the option text."), StringLength(AssessmentQuestionOption.TextMaxLength)]
    public string Text { get; set; } = "";

    [Range(-10_000, 10_000)]
    public int Points { get; set; }

    public bool IsCorrect { get; set; }
    public int? SortOrder { get; set; }

    /// <summary>Points added to named dimensions when this option is chosen, e.g. <c>{"D": 2}</c>.</summary>
    public Dictionary<string, int>? Dimensions { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in Dimensions ?? [])
        {
            if (string.IsNullOrWhiteSpace(name) || name.Length > 50 || value is < -1000 or > 1000)
            {
                yield return new ValidationResult($"Dimension '{name}': a name of 1 to 50 characters and points from -1000 to 1000.", [nameof(Dimensions)]);
            }
        }
        if (Dimensions is { Count: > 20 })
        {
            yield return new ValidationResult("At most 20 dimensions per option.", [nameof(Dimensions)]);
        }
    }
}
