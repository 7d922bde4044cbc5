using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;

namespace CrmPlatform.Users.Features;

/// <summary>Rules about who may change whom, shared by create, edit and (de)activation.</summary>
internal static class UserRules
{
    /// <summary>Only an administrator may make or change an administrator, so Users.Manage alone cannot escalate.</summary>
    public static void CheckActor(ICurrentUser actor, UserRole? currentRole, UserRole? newRole, Dictionary<string, string[]> errors, string field = nameof(UserFields.Role))
    {
        if (actor.Role != UserRole.Admin && (currentRole == UserRole.Admin || newRole == UserRole.Admin))
        {
            errors.Append(field, "Only an administrator can create or change an administrator.");
        }
    }
}
