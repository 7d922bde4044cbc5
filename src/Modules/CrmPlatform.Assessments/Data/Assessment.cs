using System.Buffers.Text;
using System.Security.Cryptography;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Assessments.Data;

/// <summary>
/// ASSESSMENTS. Besides the seed columns it holds the per-assessment settings as plain columns: which result parts the
/// taker sees, whether the form asks for a phone, the category new contacts get, and whether signed-in leads are offered
/// it when it is not public.
/// </summary>
public sealed class Assessment : Entity, ISoftDelete, IAuditable
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int ScoringLogicMaxLength = 64_000;

    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public AssessmentTrait Trait { get; set; }
    public bool IsActive { get; set; } = true;
    public bool IsPublic { get; set; }

    /// <summary>The slug of <c>/a/{slug}</c>: 128 random bits, base64url; set once, never reused.</summary>
    public string PublicUrl { get; set; } = NewSlug();

    /// <summary>The scoring JSON (format in the module README); null means the defaults.</summary>
    public string? ScoringLogic { get; set; }

    public Guid? CreatedById { get; set; }
    public User? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }

    public bool ShowScore { get; set; } = true;
    public bool ShowRanking { get; set; } = true;
    public bool ShowPersonalityType { get; set; } = true;
    public bool ShowTraits { get; set; } = true;
    public bool AskPhone { get; set; } = true;
    public bool OfferToLeads { get; set; }
    public Guid? ContactCategoryId { get; set; }
    public ContactCategory? ContactCategory { get; set; }

    public List<AssessmentQuestion> Questions { get; set; } = [];

    public static string NewSlug() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.ToTable("assessments");
        b.Property(a => a.Title).IsRequired().HasMaxLength(Assessment.TitleMaxLength);
        b.Property(a => a.Description).HasMaxLength(Assessment.DescriptionMaxLength);
        b.Property(a => a.IsActive).HasDefaultValue(true).HasSentinel(true);
        b.Property(a => a.IsPublic).HasDefaultValue(false);
        b.Property(a => a.PublicUrl).HasMaxLength(32);
        b.Property(a => a.ScoringLogic).HasMaxLength(Assessment.ScoringLogicMaxLength);
        b.HasIndex(a => a.PublicUrl).IsUnique();
        b.HasIndex(a => new { a.Title, a.Id });
        b.HasOne(a => a.CreatedBy).WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(a => a.ContactCategory).WithMany().HasForeignKey(a => a.ContactCategoryId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(a => a.Questions).WithOne(q => q.Assessment).HasForeignKey(q => q.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
