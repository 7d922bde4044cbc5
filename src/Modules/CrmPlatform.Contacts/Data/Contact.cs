using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Contacts.Data;

/// <summary>
/// CONTACTS. <see cref="EmailId"/> is stored normalised (trimmed, lower-case) and <see cref="ContactNo"/> in E.164, so the
/// unique indexes are the duplicate rule. <see cref="NormalizedName"/> and <see cref="NormalizedCompany"/> are lower-case
/// copies that make prefix search and sorting index-friendly on both providers.
/// </summary>
public sealed class Contact : Entity, ISoftDelete, IAuditable
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 20;
    public const int TextMaxLength = 200;
    public const int IndustryMaxLength = 100;
    public const int WebsiteMaxLength = 500;
    public const int ProfileMaxLength = 4000;

    public string Name { get; set; } = "";
    public string ContactNo { get; set; } = "";
    public string EmailId { get; set; } = "";
    public string Location { get; set; } = "";
    public ContactType Type { get; set; }
    public string? Company { get; set; }
    public string? Designation { get; set; }
    public string? Industry { get; set; }
    public string? Website { get; set; }
    public string? InnerDrives { get; set; }
    public string? Baselines { get; set; }
    public string? Traits { get; set; }
    public string? PersonalityType { get; set; }
    public Guid? CategoryId { get; set; }
    public ContactCategory? Category { get; set; }
    public Guid? CreatedById { get; set; }
    public User? CreatedBy { get; set; }
    public DateTime? DeletedAt { get; set; }

    [AuditIgnore] public string NormalizedName { get; set; } = "";
    [AuditIgnore] public string? NormalizedCompany { get; set; }

    /// <summary>Refreshes the search copies; call after changing <see cref="Name"/> or <see cref="Company"/>.</summary>
    public void Normalize()
    {
        NormalizedName = Name.Trim().ToLowerInvariant();
        NormalizedCompany = string.IsNullOrWhiteSpace(Company) ? null : Company.Trim().ToLowerInvariant();
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("contacts");
        b.Property(c => c.Name).IsRequired().HasMaxLength(Contact.NameMaxLength);
        b.Property(c => c.NormalizedName).IsRequired().HasMaxLength(Contact.NameMaxLength);
        b.Property(c => c.ContactNo).IsRequired().HasMaxLength(Contact.PhoneMaxLength);
        b.Property(c => c.EmailId).IsRequired().HasMaxLength(Contact.EmailMaxLength);
        b.Property(c => c.Location).IsRequired().HasMaxLength(Contact.TextMaxLength);
        b.Property(c => c.Company).HasMaxLength(Contact.TextMaxLength);
        b.Property(c => c.NormalizedCompany).HasMaxLength(Contact.TextMaxLength);
        b.Property(c => c.Designation).HasMaxLength(Contact.TextMaxLength);
        b.Property(c => c.Industry).HasMaxLength(Contact.IndustryMaxLength);
        b.Property(c => c.Website).HasMaxLength(Contact.WebsiteMaxLength);
        b.Property(c => c.InnerDrives).HasMaxLength(Contact.ProfileMaxLength);
        b.Property(c => c.Baselines).HasMaxLength(Contact.ProfileMaxLength);
        b.Property(c => c.Traits).HasMaxLength(Contact.ProfileMaxLength);
        b.Property(c => c.PersonalityType).HasMaxLength(Contact.IndustryMaxLength);
        b.HasOne(c => c.Category).WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.CreatedBy).WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);

        // Unique over every row, soft-deleted ones included: a deleted contact keeps its email and phone, and the
        // duplicate message links to it so it can be restored (docs/decisions/0003-contact-uniqueness-and-soft-delete.md).
        b.HasIndex(c => c.EmailId).IsUnique();
        b.HasIndex(c => c.ContactNo).IsUnique();

        // Keyset paging: every sort key is indexed together with the id that breaks ties.
        b.HasIndex(c => new { c.NormalizedName, c.Id });
        b.HasIndex(c => new { c.NormalizedCompany, c.Id });
        b.HasIndex(c => new { c.CreatedAt, c.Id });
        b.HasIndex(c => new { c.UpdatedAt, c.Id });
        b.HasIndex(c => new { c.Location, c.Id });
        b.HasIndex(c => new { c.CategoryId, c.Id });
        b.HasIndex(c => new { c.Type, c.Id });
        b.HasIndex(c => new { c.Industry, c.Id });
        b.HasIndex(c => new { c.PersonalityType, c.Id });
        b.HasIndex(c => new { c.CreatedById, c.Id });
    }
}
