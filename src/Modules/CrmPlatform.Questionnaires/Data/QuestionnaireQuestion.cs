using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Questionnaires.Data;

/// <summary>QUESTIONNAIRE_QUESTIONS.</summary>
public sealed class QuestionnaireQuestion : Entity, IAuditable
{
    public const int QuestionMaxLength = 2000;
    public const int HelpTextMaxLength = 2000;

    public string Question { get; set; } = "";
    public QuestionType Type { get; set; }
    public bool IsRequired { get; set; }
    public int SortOrder { get; set; }
    public string? HelpText { get; set; }
    public Guid QuestionnaireId { get; set; }
    public Questionnaire? Questionnaire { get; set; }
    public List<QuestionnaireQuestionOption> Options { get; set; } = [];

    /// <summary>Multiple choice and yes/no take exactly one option; checkbox any number; text and rating none.</summary>
    public static bool HasOptions(QuestionType type) => type is QuestionType.MultipleChoice or QuestionType.Checkbox or QuestionType.YesNo;
}

internal sealed class QuestionnaireQuestionConfiguration : IEntityTypeConfiguration<QuestionnaireQuestion>
{
    public void Configure(EntityTypeBuilder<QuestionnaireQuestion> b)
    {
        b.ToTable("questionnaire_questions");
        b.Property(q => q.Question).IsRequired().HasMaxLength(QuestionnaireQuestion.QuestionMaxLength);
        b.Property(q => q.HelpText).HasMaxLength(QuestionnaireQuestion.HelpTextMaxLength);
        b.Property(q => q.IsRequired).HasDefaultValue(false);
        b.Property(q => q.SortOrder).HasDefaultValue(0);
        b.HasIndex(q => new { q.QuestionnaireId, q.SortOrder });
        b.HasMany(q => q.Options).WithOne(o => o.Question).HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}
