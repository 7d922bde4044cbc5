using System.Text.Json;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Assessments.Data;

/// <summary>
/// ASSESSMENT_QUESTION_OPTIONS, plus <see cref="DimensionPoints"/>: a JSON object of the points choosing this option adds
/// to named dimensions (<c>{"D": 2, "I": 1}</c>), which the personality and trait rules read.
/// </summary>
public sealed class AssessmentQuestionOption : Entity, IAuditable
{
    public const int TextMaxLength = 1000;

    public string Text { get; set; } = "";
    public int Points { get; set; }
    public bool IsCorrect { get; set; }
    public int SortOrder { get; set; }
    public Guid QuestionId { get; set; }
    public AssessmentQuestion? Question { get; set; }
    public string? DimensionPoints { get; set; }

    public IReadOnlyDictionary<string, int> Dimensions => ParseDimensions(DimensionPoints);

    public static IReadOnlyDictionary<string, int> ParseDimensions(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, int>();
        }
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, int>();
        }
    }

    public static string? FormatDimensions(IReadOnlyDictionary<string, int>? dimensions) =>
        dimensions is null || dimensions.Count == 0 ? null : JsonSerializer.Serialize(dimensions);
}

internal sealed class AssessmentQuestionOptionConfiguration : IEntityTypeConfiguration<AssessmentQuestionOption>
{
    public void Configure(EntityTypeBuilder<AssessmentQuestionOption> b)
    {
        b.ToTable("assessment_question_options");
        b.Property(o => o.Text).IsRequired().HasMaxLength(AssessmentQuestionOption.TextMaxLength);
        b.Property(o => o.Points).HasDefaultValue(0);
        b.Property(o => o.IsCorrect).HasDefaultValue(false);
        b.Property(o => o.SortOrder).HasDefaultValue(0);
        b.Property(o => o.DimensionPoints).HasMaxLength(1000);
        b.Ignore(o => o.Dimensions);
        b.HasIndex(o => new { o.QuestionId, o.SortOrder });
    }
}
