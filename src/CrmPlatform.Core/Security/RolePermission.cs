using CrmPlatform.Core.Users;

namespace CrmPlatform.Core.Security;

/// <summary>One grant of a permission to a role, editable in Admin → Roles.</summary>
public sealed class RolePermission
{
    public UserRole Role { get; set; }
    public string Permission { get; set; } = "";
}
