using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;

namespace CrmPlatform.Contacts;

/// <summary>The Contacts module's rights and who holds them on a fresh site (admin holds everything).</summary>
public static class ContactsPermissions
{
    public static readonly Permission View = new("Contacts.View", "See contacts (only those in scope without Contacts.ViewAll)", UserRole.InternalStaff, UserRole.Partner);
    public static readonly Permission ViewAll = new("Contacts.ViewAll", "See every contact, not only those another module puts in scope", UserRole.InternalStaff);
    public static readonly Permission Create = new("Contacts.Create", "Create contacts", UserRole.InternalStaff);
    public static readonly Permission Edit = new("Contacts.Edit", "Edit contacts, their notes, activities and social links", UserRole.InternalStaff);
    public static readonly Permission Delete = new("Contacts.Delete", "Delete and restore contacts", UserRole.InternalStaff);
    public static readonly Permission Import = new("Contacts.Import", "Import contacts from CSV", UserRole.InternalStaff);
    public static readonly Permission Export = new("Contacts.Export", "Export contacts to CSV", UserRole.InternalStaff);
    public static readonly Permission Merge = new("Contacts.Merge", "Merge duplicate contacts", UserRole.InternalStaff);
    public static readonly Permission ManageCategories = new("Categories.Manage", "Create, edit, activate and deactivate contact categories", UserRole.InternalStaff);

    public static readonly IReadOnlyList<Permission> All = [View, ViewAll, Create, Edit, Delete, Import, Export, Merge, ManageCategories];
}
