namespace CrmPlatform.Core.Data;

/// <summary>Base for every table: a time-ordered UUID v7 key and timestamps maintained by the context.</summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set by <see cref="CrmDbContext"/> on insert; callers never set it.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Set by <see cref="CrmDbContext"/> on every save that changes the row.</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Rows that are hidden (not removed) when deleted; a global query filter hides them.</summary>
public interface ISoftDelete
{
    DateTime? DeletedAt { get; set; }
}

/// <summary>Rows whose inserts, updates and deletes are written to the audit log.</summary>
public interface IAuditable;

/// <summary>Marks a property whose value must never appear in the audit log (hashes, secrets).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditIgnoreAttribute : Attribute;
