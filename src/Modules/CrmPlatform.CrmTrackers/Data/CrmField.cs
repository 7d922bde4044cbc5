using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.CrmTrackers.Data;

/// <summary>CRM_FIELDS: a custom field of a tracker. <see cref="Options"/> is a JSON array of strings for select types.</summary>
public sealed class CrmField : Entity, IAuditable
{
    public const int NameMaxLength = 100;
    public const int LabelMaxLength = 200;
    public const int OptionsMaxLength = 8000;
    public const int TextMaxLength = 1000;

    public string Name { get; set; } = "";
    public string Label { get; set; } = "";
    public FieldType Type { get; set; }
    public bool IsRequired { get; set; }
    public string? Options { get; set; }
    public string? Placeholder { get; set; }
    public string? HelpText { get; set; }
    public int SortOrder { get; set; }
    public Guid TrackerId { get; set; }
    public CrmTracker? Tracker { get; set; }
}

internal sealed class CrmFieldConfiguration : IEntityTypeConfiguration<CrmField>
{
    public void Configure(EntityTypeBuilder<CrmField> b)
    {
        b.ToTable("crm_fields");
        b.Property(f => f.Name).IsRequired().HasMaxLength(CrmField.NameMaxLength);
        b.Property(f => f.Label).IsRequired().HasMaxLength(CrmField.LabelMaxLength);
        b.Property(f => f.IsRequired).HasDefaultValue(false);
        b.Property(f => f.Options).HasMaxLength(CrmField.OptionsMaxLength);
        b.Property(f => f.Placeholder).HasMaxLength(CrmField.TextMaxLength);
        b.Property(f => f.HelpText).HasMaxLength(CrmField.TextMaxLength);
        b.Property(f => f.SortOrder).HasDefaultValue(0);
        b.HasIndex(f => new { f.TrackerId, f.Name }).IsUnique();
        b.HasIndex(f => new { f.TrackerId, f.SortOrder });
    }
}
