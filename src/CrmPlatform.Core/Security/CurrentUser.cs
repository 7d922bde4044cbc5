using System.Security.Claims;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.Core.Security;

/// <summary>The signed-in user of the current request (or of a background job acting for someone).</summary>
public interface ICurrentUser
{
    Guid? Id { get; }
    UserRole? Role { get; }
    ClaimsPrincipal Principal { get; }
    bool IsAuthenticated => Id is not null;
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public UserRole? Role => UserRoles.TryParse(Principal.FindFirstValue(CrmClaims.Role), out var role) ? role : null;
}
