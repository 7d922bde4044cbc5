using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.CrmTrackers.Data;

/// <summary>LEAD_FIELD_VALUES: one custom field's value of a lead, as text in a canonical form per field type.</summary>
public sealed class LeadFieldValue : Entity
{
    public const int ValueMaxLength = 4000;

    public string? Value { get; set; }
    public Guid LeadId { get; set; }
    public Lead? Lead { get; set; }
    public Guid FieldId { get; set; }
    public CrmField? Field { get; set; }
}

internal sealed class LeadFieldValueConfiguration : IEntityTypeConfiguration<LeadFieldValue>
{
    public void Configure(EntityTypeBuilder<LeadFieldValue> b)
    {
        b.ToTable("lead_field_values");
        b.Property(v => v.Value).HasMaxLength(LeadFieldValue.ValueMaxLength);
        b.HasOne(v => v.Field).WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.LeadId, v.FieldId }).IsUnique();
        // Filtering a list on a custom field's value, and "is this option still used?".
        b.HasIndex(v => new { v.FieldId, v.Value });
    }
}
