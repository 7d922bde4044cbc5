using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Core.Recipes.Steps;

/// <summary>
/// <c>{ "name": "roles", "roles": [ { "role": "partner", "permissions": ["Leads.View"] } ] }</c> sets each listed
/// role's grants to exactly those permissions; <c>"defaults": true</c> instead grants every module's defaults.
/// </summary>
internal sealed class RolesStep(PermissionRegistry registry) : IRecipeStepHandler
{
    public string StepName => "roles";

    private sealed record RoleGrants(string Role, string[] Permissions);

    public Task ValidateAsync(RecipeStep step, RecipeContext context, List<string> errors, CancellationToken ct)
    {
        foreach (var grants in RecipeJson.Read<RoleGrants[]>(step, "roles", errors, required: false) ?? [])
        {
            if (!UserRoles.TryParse(grants.Role, out _))
            {
                errors.Add($"'{grants.Role}' is not a role (admin, internal_staff, partner, lead).");
            }
            foreach (var permission in grants.Permissions ?? [])
            {
                if (registry.Find(permission) is null)
                {
                    errors.Add($"'{permission}' is not a declared permission.");
                }
            }
        }
        return Task.CompletedTask;
    }

    public async Task ExecuteAsync(RecipeStep step, RecipeContext context, CancellationToken ct)
    {
        var errors = new List<string>();
        var db = context.Db;
        if (step.Data.TryGetProperty("defaults", out var defaults) && defaults.ValueKind == System.Text.Json.JsonValueKind.True)
        {
            await DefaultGrants.ApplyAsync(db, registry, ct);
        }
        foreach (var grants in RecipeJson.Read<RoleGrants[]>(step, "roles", errors, required: false) ?? [])
        {
            if (!UserRoles.TryParse(grants.Role, out var role))
            {
                continue;
            }
            var existing = await db.RolePermissions.Where(r => r.Role == role).ToListAsync(ct);
            db.RolePermissions.RemoveRange(existing.Where(e => !grants.Permissions.Contains(e.Permission)));
            foreach (var permission in grants.Permissions.Distinct().Where(p => existing.All(e => e.Permission != p)))
            {
                db.RolePermissions.Add(new RolePermission { Role = role, Permission = permission });
            }
        }
    }
}

public static class DefaultGrants
{
    /// <summary>Adds every declared default grant that is missing (never removes an admin's choices).</summary>
    public static async Task ApplyAsync(Data.CrmDbContext db, PermissionRegistry registry, CancellationToken ct)
    {
        var existing = (await db.RolePermissions.AsNoTracking().ToListAsync(ct)).Select(r => (r.Role, r.Permission)).ToHashSet();
        foreach (var permission in registry.All)
        {
            foreach (var role in permission.DefaultRoles.Where(r => r != UserRole.Admin))
            {
                if (existing.Add((role, permission.Name)))
                {
                    db.RolePermissions.Add(new RolePermission { Role = role, Permission = permission.Name });
                }
            }
        }
    }
}
