using System.Buffers.Text;
using System.Security.Cryptography;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Questionnaires.Data;

/// <summary>
/// QUESTIONNAIRES. Besides the seed columns: the unguessable slug of <c>/q/{slug}</c>, whether anyone with the link may
/// fill it (<see cref="IsPublic"/>) or only signed-in leads it is offered to (<see cref="OfferToLeads"/>), the category
/// new contacts get, and the bounds of its rating-scale questions (one scale per questionnaire keeps summaries comparable).
/// </summary>
public sealed class Questionnaire : Entity, ISoftDelete, IAuditable
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;
    public Guid? CreatedById { get; set; }
    public User? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }

    /// <summary>128 random bits, base64url; set once, never reused.</summary>
    public string PublicUrl { get; set; } = NewSlug();
    public bool IsPublic { get; set; } = true;
    public bool OfferToLeads { get; set; }
    public Guid? ContactCategoryId { get; set; }
    public ContactCategory? ContactCategory { get; set; }
    public int RatingMin { get; set; } = 1;
    public int RatingMax { get; set; } = 5;

    public List<QuestionnaireQuestion> Questions { get; set; } = [];

    public static string NewSlug() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}

internal sealed class QuestionnaireConfiguration : IEntityTypeConfiguration<Questionnaire>
{
    public void Configure(EntityTypeBuilder<Questionnaire> b)
    {
        b.ToTable("questionnaires", t => t.HasCheckConstraint("ck_questionnaires_rating_bounds", "rating_min >= 0 AND rating_max <= 10 AND rating_min < rating_max"));
        b.Property(q => q.Title).IsRequired().HasMaxLength(Questionnaire.TitleMaxLength);
        b.Property(q => q.Description).HasMaxLength(Questionnaire.DescriptionMaxLength);
        b.Property(q => q.IsActive).HasDefaultValue(true).HasSentinel(true);
        b.Property(q => q.IsPublic).HasDefaultValue(true).HasSentinel(true);
        b.Property(q => q.OfferToLeads).HasDefaultValue(false);
        b.Property(q => q.PublicUrl).IsRequired().HasMaxLength(32);
        b.Property(q => q.RatingMin).HasDefaultValue(1).HasSentinel(1);
        b.Property(q => q.RatingMax).HasDefaultValue(5).HasSentinel(5);
        b.HasIndex(q => q.PublicUrl).IsUnique();
        b.HasIndex(q => new { q.Title, q.Id });
        b.HasOne(q => q.CreatedBy).WithMany().HasForeignKey(q => q.CreatedById).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(q => q.ContactCategory).WithMany().HasForeignKey(q => q.ContactCategoryId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(q => q.Questions).WithOne(q => q.Questionnaire).HasForeignKey(q => q.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
    }
}
