using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Core.Security;

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Turns any declared permission name into a policy, so endpoints say <c>RequireAuthorization("Contacts.Edit")</c>.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options, PermissionRegistry registry)
    : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        var existing = await base.GetPolicyAsync(policyName);
        if (existing is not null || registry.Find(policyName) is null)
        {
            return existing;
        }
        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(policyName))
            .Build();
    }
}

internal sealed class PermissionHandler(PermissionService permissions) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (await permissions.HasAsync(context.User, requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
