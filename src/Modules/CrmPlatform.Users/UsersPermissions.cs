using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;

namespace CrmPlatform.Users;

public static class UsersPermissions
{
    public static readonly Permission ViewUsers = new("Users.View", "See the list of users", UserRole.Admin, UserRole.InternalStaff);
    public static readonly Permission ManageUsers = new("Users.Manage", "Create, edit and deactivate users", UserRole.Admin);
    public static readonly Permission ManageRoles = new("Roles.Manage", "Change what each role may do", UserRole.Admin);
    public static readonly Permission UseApi = new("Api.Use", "Create personal API tokens and call the REST API", UserRole.Admin, UserRole.InternalStaff, UserRole.Partner);

    public static readonly IReadOnlyList<Permission> All = [ViewUsers, ManageUsers, ManageRoles, UseApi];
}
