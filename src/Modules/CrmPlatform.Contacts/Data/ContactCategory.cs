using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Contacts.Data;

/// <summary>CONTACT_CATEGORIES. <see cref="NormalizedName"/> (trimmed, lower-case) carries the case-insensitive unique rule.</summary>
public sealed class ContactCategory : Entity, IAuditable
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2000;

    public string Name { get; set; } = "";
    public string NormalizedName { get; set; } = "";
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;

    public static string Normalize(string name) => name.Trim().ToLowerInvariant();
}

internal sealed class ContactCategoryConfiguration : IEntityTypeConfiguration<ContactCategory>
{
    public void Configure(EntityTypeBuilder<ContactCategory> b)
    {
        b.ToTable("contact_categories");
        b.Property(c => c.Name).IsRequired().HasMaxLength(ContactCategory.NameMaxLength);
        b.Property(c => c.NormalizedName).IsRequired().HasMaxLength(ContactCategory.NameMaxLength);
        b.Property(c => c.Description).HasMaxLength(ContactCategory.DescriptionMaxLength);
        b.Property(c => c.IsActive).HasDefaultValue(true).HasSentinel(true);
        b.HasIndex(c => c.NormalizedName).IsUnique();
    }
}
