using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Questionnaires.Data;

/// <summary>
/// QUESTIONNAIRE_RESPONSES. Extra columns: <see cref="SubmissionKey"/>, unique per questionnaire, which makes a double
/// submit return the first response instead of storing a second, and <see cref="SubmittedById"/> (the signed-in lead).
/// </summary>
public sealed class QuestionnaireResponse : Entity, IAuditable
{
    public Guid QuestionnaireId { get; set; }
    public Questionnaire? Questionnaire { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }
    public string SubmissionKey { get; set; } = "";
    public Guid? SubmittedById { get; set; }

    public List<QuestionnaireResponseAnswer> Answers { get; set; } = [];
}

internal sealed class QuestionnaireResponseConfiguration : IEntityTypeConfiguration<QuestionnaireResponse>
{
    public void Configure(EntityTypeBuilder<QuestionnaireResponse> b)
    {
        b.ToTable("questionnaire_responses");
        b.Property(r => r.SubmissionKey).IsRequired().HasMaxLength(64);
        b.HasIndex(r => new { r.QuestionnaireId, r.SubmissionKey }).IsUnique();
        b.HasIndex(r => new { r.QuestionnaireId, r.CreatedAt });
        b.HasIndex(r => new { r.ContactId, r.CreatedAt });
        b.HasOne(r => r.Questionnaire).WithMany().HasForeignKey(r => r.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Contact).WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Answers).WithOne(a => a.Response).HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
