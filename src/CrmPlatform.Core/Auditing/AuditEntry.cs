using CrmPlatform.Core.Data;

namespace CrmPlatform.Core.Auditing;

/// <summary>One change to an audited row: who, what, when, and which fields (old and new values).</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";

    /// <summary>created, updated, deleted, restored.</summary>
    public string Action { get; set; } = "";

    /// <summary>JSON object: field name → { "old": …, "new": … }.</summary>
    public string Changes { get; set; } = "{}";
}
