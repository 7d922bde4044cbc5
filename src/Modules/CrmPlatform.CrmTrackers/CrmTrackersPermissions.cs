using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;

namespace CrmPlatform.CrmTrackers;

/// <summary>The CRM trackers module's rights and who holds them on a fresh site (admin holds everything).</summary>
public static class CrmTrackersPermissions
{
    public static readonly Permission ManageTrackers = new("Trackers.Manage", "Create, edit, activate and deactivate trackers and their custom fields", UserRole.InternalStaff);
    public static readonly Permission View = new("Leads.View", "See leads (only those assigned to them without Leads.ViewAll)", UserRole.InternalStaff, UserRole.Partner);
    public static readonly Permission ViewAll = new("Leads.ViewAll", "See every lead, not only those assigned to them", UserRole.InternalStaff);
    public static readonly Permission Create = new("Leads.Create", "Create leads", UserRole.InternalStaff);
    public static readonly Permission Edit = new("Leads.Edit", "Edit leads they can see, change their status, add notes", UserRole.InternalStaff, UserRole.Partner);
    public static readonly Permission Delete = new("Leads.Delete", "Delete and restore leads", UserRole.InternalStaff);
    public static readonly Permission Assign = new("Leads.Assign", "Assign leads to users", UserRole.InternalStaff);
    public static readonly Permission Export = new("Leads.Export", "Export leads to CSV", UserRole.InternalStaff);

    public static readonly IReadOnlyList<Permission> All = [ManageTrackers, View, ViewAll, Create, Edit, Delete, Assign, Export];
}
