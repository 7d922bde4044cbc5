using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Contacts.Data;

/// <summary>CONTACT_SOCIAL_LINKS.</summary>
public sealed class ContactSocialLink : Entity
{
    public const int UrlMaxLength = 500;
    public const int UsernameMaxLength = 100;

    public SocialPlatform Platform { get; set; }
    public string Url { get; set; } = "";
    public string? Username { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }
}

internal sealed class ContactSocialLinkConfiguration : IEntityTypeConfiguration<ContactSocialLink>
{
    public void Configure(EntityTypeBuilder<ContactSocialLink> b)
    {
        b.ToTable("contact_social_links");
        b.Property(l => l.Url).IsRequired().HasMaxLength(ContactSocialLink.UrlMaxLength);
        b.Property(l => l.Username).HasMaxLength(ContactSocialLink.UsernameMaxLength);
        b.HasOne(l => l.Contact).WithMany().HasForeignKey(l => l.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(l => l.ContactId);
    }
}
