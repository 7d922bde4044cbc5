using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Assessments.Data;

/// <summary>ASSESSMENT_QUESTIONS.</summary>
public sealed class AssessmentQuestion : Entity, IAuditable
{
    public const int QuestionMaxLength = 2000;

    public string Question { get; set; } = "";
    public QuestionType Type { get; set; }
    public int Points { get; set; }
    public int SortOrder { get; set; }
    public Guid AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public List<AssessmentQuestionOption> Options { get; set; } = [];
}

internal sealed class AssessmentQuestionConfiguration : IEntityTypeConfiguration<AssessmentQuestion>
{
    public void Configure(EntityTypeBuilder<AssessmentQuestion> b)
    {
        b.ToTable("assessment_questions");
        b.Property(q => q.Question).IsRequired().HasMaxLength(AssessmentQuestion.QuestionMaxLength);
        b.Property(q => q.Points).HasDefaultValue(0);
        b.Property(q => q.SortOrder).HasDefaultValue(0);
        b.HasIndex(q => new { q.AssessmentId, q.SortOrder });
        b.HasMany(q => q.Options).WithOne(o => o.Question).HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}
