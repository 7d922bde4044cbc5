using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;

namespace CrmPlatform.Workflows;

public static class WorkflowsPermissions
{
    public static readonly Permission Manage = new("Workflows.Manage", "Create, edit, enable, import, trigger, retry and cancel workflows");
    public static readonly Permission ViewInstances = new("Workflows.ViewInstances", "See workflow instances and their logs", UserRole.InternalStaff);

    public static readonly IReadOnlyList<Permission> All = [Manage, ViewInstances];
}
