using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Assessments.Data;

/// <summary>
/// ASSESSMENT_RESPONSES. Extra columns: <see cref="Status"/> (subjective answers waiting), <see cref="InnerDrives"/>,
/// <see cref="Baselines"/> and <see cref="DimensionScores"/> (the rest of the result), and <see cref="SubmissionKey"/>,
/// unique per assessment, which makes a double submit return the first response instead of creating a second.
/// Traits, inner drives and baselines are comma-separated labels.
/// </summary>
public sealed class AssessmentResponse : Entity, IAuditable
{
    public int TotalScore { get; set; }
    public int MaxScore { get; set; }
    public decimal Percentage { get; set; }
    public string? PersonalityType { get; set; }
    public string? Traits { get; set; }
    public string? Ranking { get; set; }
    public Guid AssessmentId { get; set; }
    public Assessment? Assessment { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }

    public ResponseStatus Status { get; set; }
    public string? InnerDrives { get; set; }
    public string? Baselines { get; set; }
    public string? DimensionScores { get; set; }
    public string SubmissionKey { get; set; } = "";
    public Guid? SubmittedById { get; set; }

    public List<AssessmentResponseAnswer> Answers { get; set; } = [];
}

internal sealed class AssessmentResponseConfiguration : IEntityTypeConfiguration<AssessmentResponse>
{
    public void Configure(EntityTypeBuilder<AssessmentResponse> b)
    {
        b.ToTable("assessment_responses");
        b.Property(r => r.TotalScore).HasDefaultValue(0);
        b.Property(r => r.MaxScore).HasDefaultValue(0);
        b.Property(r => r.Percentage).HasPrecision(5, 2).HasDefaultValue(0m);
        b.Property(r => r.PersonalityType).HasMaxLength(100);
        b.Property(r => r.Traits).HasMaxLength(1000);
        b.Property(r => r.Ranking).HasMaxLength(100);
        b.Property(r => r.InnerDrives).HasMaxLength(1000);
        b.Property(r => r.Baselines).HasMaxLength(1000);
        b.Property(r => r.DimensionScores).HasMaxLength(2000);
        b.Property(r => r.SubmissionKey).IsRequired().HasMaxLength(64);
        b.HasIndex(r => new { r.AssessmentId, r.SubmissionKey }).IsUnique();
        b.HasIndex(r => new { r.AssessmentId, r.CreatedAt, r.Id });
        b.HasIndex(r => new { r.ContactId, r.CreatedAt });
        b.HasIndex(r => r.Status);
        b.HasOne(r => r.Assessment).WithMany().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Contact).WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Answers).WithOne(a => a.Response).HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
