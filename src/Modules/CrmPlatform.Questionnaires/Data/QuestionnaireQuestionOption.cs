using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Questionnaires.Data;

/// <summary>QUESTIONNAIRE_QUESTION_OPTIONS.</summary>
public sealed class QuestionnaireQuestionOption : Entity, IAuditable
{
    public const int TextMaxLength = 1000;

    public string Text { get; set; } = "";
    public int SortOrder { get; set; }
    public Guid QuestionId { get; set; }
    public QuestionnaireQuestion? Question { get; set; }
}

internal sealed class QuestionnaireQuestionOptionConfiguration : IEntityTypeConfiguration<QuestionnaireQuestionOption>
{
    public void Configure(EntityTypeBuilder<QuestionnaireQuestionOption> b)
    {
        b.ToTable("questionnaire_question_options");
        b.Property(o => o.Text).IsRequired().HasMaxLength(QuestionnaireQuestionOption.TextMaxLength);
        b.Property(o => o.SortOrder).HasDefaultValue(0);
        b.HasIndex(o => new { o.QuestionId, o.SortOrder });
    }
}
