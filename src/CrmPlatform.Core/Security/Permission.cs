using CrmPlatform.Core.Users;

namespace CrmPlatform.Core.Security;

/// <summary>
/// A named right, <c>Module.Verb</c> (e.g. <c>Contacts.Edit</c>), with the roles that hold it on a fresh site.
/// The <c>admin</c> role always holds every permission.
/// </summary>
public sealed record Permission(string Name, string Title, params UserRole[] DefaultRoles)
{
    public override string ToString() => Name;
}

/// <summary>Kernel permissions.</summary>
public static class CorePermissions
{
    public static readonly Permission AccessAdmin = new("Admin.Access", "Open the admin area", UserRole.Admin, UserRole.InternalStaff, UserRole.Partner);
    public static readonly Permission ManageFeatures = new("Features.Manage", "Enable and disable features", UserRole.Admin);
    public static readonly Permission ManageSettings = new("Settings.Manage", "Change site settings", UserRole.Admin);
    public static readonly Permission RunRecipes = new("Recipes.Run", "Run recipes", UserRole.Admin);
    public static readonly Permission ViewAuditLog = new("AuditLog.View", "View the audit log", UserRole.Admin);

    public static readonly IReadOnlyList<Permission> All = [AccessAdmin, ManageFeatures, ManageSettings, RunRecipes, ViewAuditLog];
}
