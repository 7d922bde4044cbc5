using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Questionnaires.Data;

/// <summary>
/// Running totals behind the unfiltered results summary (ADR 0013), kept in step with the answers: every
/// stored response adds to them in the same transaction, so the summary reads a few dozen rows instead of aggregating
/// every answer. One row per (questionnaire, question, bucket): <see cref="QuestionId"/> is <see cref="Guid.Empty"/> for
/// the questionnaire's response count; the bucket is <c>""</c> (responses that answered the question), <c>o:{optionId}</c>
/// (answers choosing the option) or <c>r:{value}</c> (ratings of that value).
/// </summary>
public sealed class QuestionnaireSummaryCount
{
    public const string Answered = "";

    public Guid QuestionnaireId { get; set; }
    public Guid QuestionId { get; set; }
    public string Bucket { get; set; } = "";
    public long Tally { get; set; }

    public static string OptionBucket(Guid optionId) => "o:" + optionId.ToString("N");

    public static string RatingBucket(int value) => "r:" + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class QuestionnaireSummaryCountConfiguration : IEntityTypeConfiguration<QuestionnaireSummaryCount>
{
    public void Configure(EntityTypeBuilder<QuestionnaireSummaryCount> b)
    {
        b.ToTable("questionnaire_summary_counts");
        b.HasKey(c => new { c.QuestionnaireId, c.QuestionId, c.Bucket });
        b.Property(c => c.Bucket).HasMaxLength(40);
        b.HasOne<Questionnaire>().WithMany().HasForeignKey(c => c.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
    }
}
