using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Users.Features;

/// <summary>A role's grants. <c>admin</c> is not editable: it always holds every permission.</summary>
public sealed record RoleGrantsDto(UserRole Role, string Title, bool Editable, IReadOnlyList<string> Permissions);

public sealed class SaveRoleGrantsRequest
{
    [Required(ErrorMessage = "List the permissions the role holds (an empty list removes them all).")]
    public string[]? Permissions { get; set; }
}

internal sealed class RoleGrantsQuery(CrmDbContext db, PermissionRegistry registry)
{
    public async Task<IReadOnlyList<RoleGrantsDto>> ListAsync(CancellationToken ct)
    {
        var rows = await db.RolePermissions.AsNoTracking().ToListAsync(ct);
        var declared = registry.All.Select(p => p.Name).ToList();
        return [.. UserRoles.All.Select(role => role == UserRole.Admin
            ? new RoleGrantsDto(role, role.ToTitle(), false, declared)
            // Grants of permissions no module declares any more are ignored, not shown.
            : new RoleGrantsDto(role, role.ToTitle(), true, [.. declared.Where(p => rows.Any(r => r.Role == role && r.Permission == p))]))];
    }
}

/// <summary>Sets a role's grants to exactly the given permissions and drops the cached grants so checks see them at once.</summary>
internal sealed class SaveRoleGrantsHandler(CrmDbContext db, PermissionRegistry registry, PermissionService permissions, RoleGrantsQuery query)
{
    public async Task<Result<RoleGrantsDto>> HandleAsync(string? roleName, SaveRoleGrantsRequest request, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(request);
        if (!UserRoles.TryParse(roleName, out var role))
        {
            errors.Append("role", "Choose one of the roles: admin, internal_staff, partner, lead.");
        }
        else if (role == UserRole.Admin)
        {
            errors.Append("role", "The admin role always holds every permission; it cannot be changed.");
        }
        var unknown = (request.Permissions ?? []).Where(p => p is null || registry.Find(p) is null).ToList();
        if (unknown.Count > 0)
        {
            errors.Append(nameof(request.Permissions), $"Not a declared permission: {string.Join(", ", unknown.Take(10).Select(p => p ?? "null"))}.");
        }
        if (errors.Count > 0)
        {
            return Result<RoleGrantsDto>.Invalid(errors);
        }
        var wanted = request.Permissions!.ToHashSet(StringComparer.Ordinal);
        var existing = await db.RolePermissions.Where(r => r.Role == role).ToListAsync(ct);
        db.RolePermissions.RemoveRange(existing.Where(e => !wanted.Contains(e.Permission)));
        db.RolePermissions.AddRange(wanted.Where(p => existing.All(e => e.Permission != p)).Select(p => new RolePermission { Role = role, Permission = p }));
        await db.SaveChangesAsync(ct);
        permissions.Invalidate();
        return Result<RoleGrantsDto>.Ok((await query.ListAsync(ct)).Single(r => r.Role == role));
    }
}
