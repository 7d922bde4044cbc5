using System.Security.Claims;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CrmPlatform.Core.Security;

/// <summary>Answers "may this role do that", from the stored grants (cached briefly; admin holds everything).</summary>
public sealed class PermissionService(IDbContextFactory<CrmDbContext> contexts, IMemoryCache cache, PermissionRegistry registry, IFeatureManager features)
{
    private const string CacheKey = "crm:role-grants";

    public async Task<bool> HasAsync(UserRole role, string permission, CancellationToken ct = default)
    {
        var declared = registry.Find(permission);
        if (declared is null)
        {
            return false;
        }
        var module = registry.ModuleOf(permission);
        if (module is not null && !await features.IsEnabledAsync(module, ct))
        {
            return false;
        }
        if (role == UserRole.Admin)
        {
            return true;
        }
        var grants = await GrantsAsync(ct);
        return grants.Contains((role, permission));
    }

    public async Task<bool> HasAsync(ClaimsPrincipal user, string permission, CancellationToken ct = default) =>
        user.Identity?.IsAuthenticated == true
        && UserRoles.TryParse(user.FindFirstValue(CrmClaims.Role), out var role)
        && await HasAsync(role, permission, ct);

    public async Task<IReadOnlySet<(UserRole Role, string Permission)>> GrantsAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlySet<(UserRole, string)>? cached) && cached is not null)
        {
            return cached;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.RolePermissions.AsNoTracking().Select(r => new { r.Role, r.Permission }).ToListAsync(ct);
        IReadOnlySet<(UserRole, string)> set = rows.Select(r => (r.Role, r.Permission)).ToHashSet();
        // Short life so that a change made on another web node is seen within seconds.
        cache.Set(CacheKey, set, TimeSpan.FromSeconds(5));
        return set;
    }

    public void Invalidate() => cache.Remove(CacheKey);
}
