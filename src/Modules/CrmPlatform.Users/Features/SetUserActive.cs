using CrmPlatform.Core.Api;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;

namespace CrmPlatform.Users.Features;

/// <summary>
/// Deactivates or reactivates a user. Deactivation changes the security stamp, so the user's cookie sessions end at
/// the next stamp check; their API tokens stop working at once (the token handler checks <c>IsActive</c>).
/// </summary>
internal sealed class SetUserActiveHandler(UserManager<User> users, ICurrentUser actor)
{
    public async Task<Result<UserDto>> HandleAsync(Guid id, bool active, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Result<UserDto>.NotFound();
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!active && id == actor.Id)
        {
            errors.Append("", "You cannot deactivate your own account.");
        }
        UserRules.CheckActor(actor, user.Role, null, errors, "");
        if (errors.Count > 0)
        {
            return Result<UserDto>.Invalid(errors);
        }
        if (user.IsActive == active)
        {
            return Result<UserDto>.Ok(user.ToDto());
        }
        user.IsActive = active;
        var result = active ? await users.UpdateAsync(user) : await users.UpdateSecurityStampAsync(user);
        return result.Succeeded
            ? Result<UserDto>.Ok(user.ToDto())
            : Result<UserDto>.Invalid(FieldErrors.FromIdentity(result, ""));
    }
}
