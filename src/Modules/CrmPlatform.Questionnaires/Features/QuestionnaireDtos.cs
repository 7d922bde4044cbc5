using System.ComponentModel.DataAnnotations;
using CrmPlatform.Questionnaires.Data;

namespace CrmPlatform.Questionnaires.Features;

public sealed record OptionDto(Guid Id, string Text, int SortOrder, int AnswerCount);

public sealed record QuestionDto(Guid Id, string Question, QuestionType Type, bool IsRequired, string? HelpText, int SortOrder, int AnswerCount, IReadOnlyList<OptionDto> Options);

public sealed record QuestionnaireDto(
    Guid Id, string Title, string? Description, bool IsActive, bool IsPublic, bool OfferToLeads, string PublicUrl, Guid? ContactCategoryId,
    int RatingMin, int RatingMax, Guid? CreatedById, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt, int ResponseCount,
    IReadOnlyList<QuestionDto> Questions);

public sealed record QuestionnaireListItem(Guid Id, string Title, bool IsActive, bool IsPublic, bool OfferToLeads, string PublicUrl, int QuestionCount, int ResponseCount, DateTime CreatedAt, DateTime? DeletedAt);

/// <summary>The settings form and the API body (create and update).</summary>
public sealed class QuestionnaireInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter a title."), StringLength(Questionnaire.TitleMaxLength)]
    public string Title { get; set; } = "";

    [StringLength(Questionnaire.DescriptionMaxLength)]
    public string? Description { get; set; }

    public bool IsActive { get; set; } = true;
    public bool IsPublic { get; set; } = true;
    public bool OfferToLeads { get; set; }
    public Guid? ContactCategoryId { get; set; }

    [Range(0, 9, ErrorMessage = "The lowest rating is from 0 to 9.")]
    public int RatingMin { get; set; } = 1;

    [Range(1, 10, ErrorMessage = "The highest rating is from 1 to 10.")]
    public int RatingMax { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RatingMin >= RatingMax)
        {
            yield return new ValidationResult("The highest rating must be above the lowest.", [nameof(RatingMax)]);
        }
    }

    public static QuestionnaireInput From(Questionnaire q) => new()
    {
        Title = q.Title, Description = q.Description, IsActive = q.IsActive, IsPublic = q.IsPublic, OfferToLeads = q.OfferToLeads,
        ContactCategoryId = q.ContactCategoryId, RatingMin = q.RatingMin, RatingMax = q.RatingMax,
    };

    public static QuestionnaireInput From(QuestionnaireDto q) => new()
    {
        Title = q.Title, Description = q.Description, IsActive = q.IsActive, IsPublic = q.IsPublic, OfferToLeads = q.OfferToLeads,
        ContactCategoryId = q.ContactCategoryId, RatingMin = q.RatingMin, RatingMax = q.RatingMax,
    };

    public void ApplyTo(Questionnaire q)
    {
        q.Title = Title.Trim();
        q.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        q.IsActive = IsActive;
        q.IsPublic = IsPublic;
        q.OfferToLeads = OfferToLeads;
        q.ContactCategoryId = ContactCategoryId;
        q.RatingMin = RatingMin;
        q.RatingMax = RatingMax;
    }
}

public sealed class QuestionInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the question."), StringLength(QuestionnaireQuestion.QuestionMaxLength)]
    public string Question { get; set; } = "";

    public QuestionType Type { get; set; }
    public bool IsRequired { get; set; }

    [StringLength(QuestionnaireQuestion.HelpTextMaxLength)]
    public string? HelpText { get; set; }

    /// <summary>Position; appended at the end when null.</summary>
    public int? SortOrder { get; set; }

    /// <summary>Options created with the question (choice types; yes/no gets Yes and No when empty).</summary>
    public List<OptionInput>? Options { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Type))
        {
            yield return new ValidationResult("Choose a question type.", [nameof(Type)]);
        }
        if (Options is { Count: > 0 } && !QuestionnaireQuestion.HasOptions(Type))
        {
            yield return new ValidationResult("Only multiple-choice, checkbox and yes/no questions have options.", [nameof(Options)]);
        }
        if (Options is { Count: > 50 })
        {
            yield return new ValidationResult("At most 50 options.", [nameof(Options)]);
        }
        for (var i = 0; i < (Options?.Count ?? 0); i++)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(Options![i], new ValidationContext(Options[i]), results, validateAllProperties: true);
            foreach (var r in results)
            {
                yield return new ValidationResult(r.ErrorMessage, [.. r.MemberNames.Select(m => $"options[{i}].{m}")]);
            }
        }
    }
}

public sealed class OptionInput
{
    [Required(ErrorMessage = "Enter the option text."), StringLength(QuestionnaireQuestionOption.TextMaxLength)]
    public string Text { get; set; } = "";

    public int? SortOrder { get; set; }
}
