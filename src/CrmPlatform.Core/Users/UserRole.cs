namespace CrmPlatform.Core.Users;

/// <summary>The four roles of the seed's USERS.role enum. Stored as their snake_case names.</summary>
public enum UserRole
{
    Admin,
    InternalStaff,
    Partner,
    Lead,
}

public static class UserRoles
{
    public static readonly IReadOnlyList<UserRole> All = [UserRole.Admin, UserRole.InternalStaff, UserRole.Partner, UserRole.Lead];

    public static string ToName(this UserRole role) => role switch
    {
        UserRole.Admin => "admin",
        UserRole.InternalStaff => "internal_staff",
        UserRole.Partner => "partner",
        UserRole.Lead => "lead",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static string ToTitle(this UserRole role) => role switch
    {
        UserRole.Admin => "Administrator",
        UserRole.InternalStaff => "Internal staff",
        UserRole.Partner => "Partner",
        UserRole.Lead => "Lead",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static bool TryParse(string? value, out UserRole role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToName(), value, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }
        role = default;
        return false;
    }
}
