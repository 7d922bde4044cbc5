using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Assessments.Data;

/// <summary>
/// ASSESSMENT_RESPONSE_ANSWERS. The snapshot columns (<see cref="QuestionText"/>, <see cref="QuestionType"/>,
/// <see cref="OptionText"/>, <see cref="MaxPoints"/>, <see cref="DimensionPoints"/>) keep what the answer was scored with,
/// so editing the assessment later never changes a past response (docs/decisions/0005-assessment-response-snapshots.md).
/// Not audited row by row: answers are written once with their response (which is audited) and a grade records its
/// grader and time here, which keeps the public submit path to one audit row per submission.
/// </summary>
public sealed class AssessmentResponseAnswer : Entity
{
    public const int AnswerTextMaxLength = 4000;

    public string? AnswerText { get; set; }
    public int Points { get; set; }
    public Guid ResponseId { get; set; }
    public AssessmentResponse? Response { get; set; }
    public Guid QuestionId { get; set; }
    public AssessmentQuestion? Question { get; set; }
    public Guid? OptionId { get; set; }
    public AssessmentQuestionOption? Option { get; set; }

    public int? RatingValue { get; set; }
    public string QuestionText { get; set; } = "";
    public QuestionType QuestionType { get; set; }
    public string? OptionText { get; set; }
    public int MaxPoints { get; set; }
    public string? DimensionPoints { get; set; }
    public bool PendingGrading { get; set; }
    public Guid? GradedById { get; set; }
    public DateTime? GradedAt { get; set; }
}

internal sealed class AssessmentResponseAnswerConfiguration : IEntityTypeConfiguration<AssessmentResponseAnswer>
{
    public void Configure(EntityTypeBuilder<AssessmentResponseAnswer> b)
    {
        b.ToTable("assessment_response_answers");
        b.Property(a => a.AnswerText).HasMaxLength(AssessmentResponseAnswer.AnswerTextMaxLength);
        b.Property(a => a.Points).HasDefaultValue(0);
        b.Property(a => a.QuestionText).IsRequired().HasMaxLength(AssessmentQuestion.QuestionMaxLength);
        b.Property(a => a.OptionText).HasMaxLength(AssessmentQuestionOption.TextMaxLength);
        b.Property(a => a.DimensionPoints).HasMaxLength(1000);
        b.HasIndex(a => a.ResponseId);
        b.HasIndex(a => a.PendingGrading);
        // Answered questions and options cannot be deleted: the builder refuses with a message instead.
        b.HasOne(a => a.Question).WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Option).WithMany().HasForeignKey(a => a.OptionId).OnDelete(DeleteBehavior.Restrict);
    }
}
