using CrmPlatform.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Core.Users;

/// <summary>
/// The seed's USERS table on ASP.NET Core Identity. It lives in the kernel because every module's
/// tables point at it (createdById, assignedToId); the Users module owns its screens and rules.
/// </summary>
public sealed class User : IdentityUser<Guid>, IAuditable
{
    public User() => Id = Guid.CreateVersion7();

    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public UserRole Role { get; set; } = UserRole.InternalStaff;
    public bool IsActive { get; set; } = true;
    public string? Company { get; set; }
    public string? Designation { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public string FullName => $"{FirstName} {LastName}".Trim();
}
