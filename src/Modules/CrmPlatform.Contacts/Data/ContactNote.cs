using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Contacts.Data;

/// <summary>CONTACT_NOTES. <see cref="AttachmentUrl"/> is the file's key in the file store, never a public URL.</summary>
public sealed class ContactNote : Entity, IAuditable
{
    public const int ContentMaxLength = 10_000;
    public const int AttachmentNameMaxLength = 255;

    public string Content { get; set; } = "";
    public string? AttachmentUrl { get; set; }
    public string? AttachmentName { get; set; }
    public Guid ContactId { get; set; }
    public Contact? Contact { get; set; }
    public Guid? CreatedById { get; set; }
    public User? CreatedBy { get; set; }
}

internal sealed class ContactNoteConfiguration : IEntityTypeConfiguration<ContactNote>
{
    public void Configure(EntityTypeBuilder<ContactNote> b)
    {
        b.ToTable("contact_notes");
        b.Property(n => n.Content).IsRequired().HasMaxLength(ContactNote.ContentMaxLength);
        b.Property(n => n.AttachmentUrl).HasMaxLength(500);
        b.Property(n => n.AttachmentName).HasMaxLength(ContactNote.AttachmentNameMaxLength);
        b.HasOne(n => n.Contact).WithMany().HasForeignKey(n => n.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(n => n.CreatedBy).WithMany().HasForeignKey(n => n.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => new { n.ContactId, n.CreatedAt });
        b.HasIndex(n => n.CreatedById);
    }
}
