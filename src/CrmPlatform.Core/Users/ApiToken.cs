using CrmPlatform.Core.Data;

namespace CrmPlatform.Core.Users;

/// <summary>A personal API token. Only a SHA-256 hash of the secret is stored; the secret is shown once.</summary>
public sealed class ApiToken : Entity, IAuditable
{
    public Guid UserId { get; set; }
    public User? User { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the token, shown in lists so a user can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";

    [AuditIgnore]
    public string TokenHash { get; set; } = "";
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
