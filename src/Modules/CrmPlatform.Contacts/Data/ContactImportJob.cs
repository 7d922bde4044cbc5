using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Contacts.Data;

public enum ImportStatus
{
    Draft,
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>What an import does with a row whose email or phone already belongs to a contact.</summary>
public enum DuplicatePolicy
{
    Skip,
    Update,
    Reject,
}

/// <summary>
/// A CSV import: the stored file, the column mapping, the duplicate policy and the progress. The worker claims the row
/// with a lease (<c>locked_until</c>/<c>locked_by</c>) and commits progress with every batch, so a node that dies resumes
/// at the first unfinished batch.
/// </summary>
public sealed class ContactImportJob : Entity
{
    public const int FileNameMaxLength = 255;

    public string FileName { get; set; } = "";
    public string FileKey { get; set; } = "";
    public string Delimiter { get; set; } = ",";

    /// <summary>JSON object: CSV header → contact field (see <c>ImportFields</c>).</summary>
    public string Mapping { get; set; } = "{}";
    public DuplicatePolicy Policy { get; set; }
    public ImportStatus Status { get; set; }
    public int ProcessedRows { get; set; }
    public int CreatedCount { get; set; }
    public int UpdatedCount { get; set; }
    public int SkippedCount { get; set; }
    public int RejectedCount { get; set; }
    public string? Error { get; set; }
    public DateTime? CompletedAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }
}

/// <summary>A row an import did not write, with its line in the file (the header is line 1) and why.</summary>
public sealed class ContactImportRejection : Entity
{
    public Guid JobId { get; set; }
    public int LineNumber { get; set; }
    public string Reason { get; set; } = "";
    public string RawRecord { get; set; } = "";
}

internal sealed class ContactImportJobConfiguration : IEntityTypeConfiguration<ContactImportJob>
{
    public void Configure(EntityTypeBuilder<ContactImportJob> b)
    {
        b.ToTable("contact_import_jobs");
        b.Property(j => j.FileName).IsRequired().HasMaxLength(ContactImportJob.FileNameMaxLength);
        b.Property(j => j.FileKey).IsRequired().HasMaxLength(300);
        b.Property(j => j.Delimiter).IsRequired().HasMaxLength(1);
        b.Property(j => j.Mapping).IsRequired().HasMaxLength(8000);
        b.Property(j => j.Error).HasMaxLength(2000);
        b.Property(j => j.LockedBy).HasMaxLength(200);
        b.HasOne<Core.Users.User>().WithMany().HasForeignKey(j => j.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(j => new { j.Status, j.CreatedAt });
        b.HasIndex(j => j.CreatedById);
    }
}

internal sealed class ContactImportRejectionConfiguration : IEntityTypeConfiguration<ContactImportRejection>
{
    public void Configure(EntityTypeBuilder<ContactImportRejection> b)
    {
        b.ToTable("contact_import_rejections");
        b.Property(r => r.Reason).IsRequired().HasMaxLength(2000);
        b.Property(r => r.RawRecord).IsRequired().HasMaxLength(8000);
        b.HasOne<ContactImportJob>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.JobId, r.LineNumber });
    }
}
