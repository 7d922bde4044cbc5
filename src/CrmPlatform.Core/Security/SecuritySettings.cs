using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Users;

namespace CrmPlatform.Core.Security;

/// <summary>Sign-in rules an administrator sets (Admin → Roles), stored as the <c>Security</c> settings group.</summary>
public sealed class SecuritySettings : IValidatableObject
{
    public const string Key = "Security";

    /// <summary>Role names (<c>admin</c>, <c>internal_staff</c>, …) whose users must enrol an authenticator app.</summary>
    public List<string> RequireTwoFactorRoles { get; set; } = [];

    public bool RequiresTwoFactor(UserRole role) => RequireTwoFactorRoles.Contains(role.ToName(), StringComparer.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var name in RequireTwoFactorRoles ?? [])
        {
            if (!UserRoles.TryParse(name, out _))
            {
                yield return new ValidationResult($"'{name}' is not a role: use admin, internal_staff, partner or lead.", [nameof(RequireTwoFactorRoles)]);
            }
        }
    }
}
