using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Questionnaires.Data;

/// <summary>
/// QUESTIONNAIRE_RESPONSE_ANSWERS: one row per answered question, and one per chosen option of a checkbox question.
/// Extra columns: <see cref="RatingValue"/> (so averages and distributions are computed in SQL) and snapshots of the
/// question and option text, so renaming a question later never rewrites what a respondent answered. Not audited row
/// by row: answers are written once with their (audited) response.
/// </summary>
public sealed class QuestionnaireResponseAnswer : Entity
{
    public const int AnswerTextMaxLength = 4000;

    public string? AnswerText { get; set; }
    public Guid ResponseId { get; set; }
    public QuestionnaireResponse? Response { get; set; }
    public Guid QuestionId { get; set; }
    public QuestionnaireQuestion? Question { get; set; }
    public Guid? OptionId { get; set; }
    public QuestionnaireQuestionOption? Option { get; set; }

    public int? RatingValue { get; set; }
    public string QuestionText { get; set; } = "";
    public QuestionType QuestionType { get; set; }
    public string? OptionText { get; set; }
}

internal sealed class QuestionnaireResponseAnswerConfiguration : IEntityTypeConfiguration<QuestionnaireResponseAnswer>
{
    public void Configure(EntityTypeBuilder<QuestionnaireResponseAnswer> b)
    {
        b.ToTable("questionnaire_response_answers");
        b.Property(a => a.AnswerText).HasMaxLength(QuestionnaireResponseAnswer.AnswerTextMaxLength);
        b.Property(a => a.QuestionText).IsRequired().HasMaxLength(QuestionnaireQuestion.QuestionMaxLength);
        b.Property(a => a.OptionText).HasMaxLength(QuestionnaireQuestionOption.TextMaxLength);
        b.HasIndex(a => a.ResponseId);
        // Covers the summary: GROUP BY (question_id, option_id, rating_value) and COUNT(DISTINCT response_id) read the index only.
        b.HasIndex(a => new { a.QuestionId, a.OptionId, a.RatingValue, a.ResponseId });
        b.HasIndex(a => new { a.QuestionId, a.CreatedAt });
        // Answered questions and options cannot be deleted: the builder refuses with a message instead.
        b.HasOne(a => a.Question).WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Option).WithMany().HasForeignKey(a => a.OptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
