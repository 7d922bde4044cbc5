using System.Security.Claims;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Core.Security;

/// <summary>Adds the user's role and display name to the principal (one role per user, as in the seed).</summary>
internal sealed class CrmClaimsPrincipalFactory(UserManager<User> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CrmClaims.Role, user.Role.ToName()));
        identity.AddClaim(new Claim(CrmClaims.FullName, user.FullName.Length > 0 ? user.FullName : user.Email ?? ""));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(CrmClaims.TwoFactor, "true"));
        }
        return identity;
    }
}

/// <summary>Refuses sign-in (and ends sessions at the next stamp check) for deactivated users.</summary>
internal sealed class ActiveUserConfirmation : IUserConfirmation<User>
{
    public Task<bool> IsConfirmedAsync(UserManager<User> manager, User user) => Task.FromResult(user.IsActive);
}
