using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;

namespace CrmPlatform.Contacts;

/// <summary>The Contacts module's rights and who holds them on a fresh site (admin holds everything).</summary>
public static class ContactsPermissions
{
    /// <summary>The names as constants, for <c>[Authorize(Policy = …)]</c> on pages.</summary>
    public static class Names
    {
        public const string View = "Contacts.View";
        public const string ViewAll = "Contacts.ViewAll";
        public const string Create = "Contacts.Create";
        public const string Edit = "Contacts.Edit";
        public const string Delete = "Contacts.Delete";
        public const string Import = "Contacts.Import";
        public const string Export = "Contacts.Export";
        public const string Merge = "Contacts.Merge";
        public const string ManageCategories = "Categories.Manage";
        public const string Privacy = "Contacts.Privacy";
    }

    public static readonly Permission View = new(Names.View, "See contacts (only those in scope without Contacts.ViewAll)", UserRole.InternalStaff, UserRole.Partner);
    public static readonly Permission ViewAll = new(Names.ViewAll, "See every contact, not only those another module puts in scope", UserRole.InternalStaff);
    public static readonly Permission Create = new(Names.Create, "Create contacts", UserRole.InternalStaff);
    public static readonly Permission Edit = new(Names.Edit, "Edit contacts, their notes, activities and social links", UserRole.InternalStaff);
    public static readonly Permission Delete = new(Names.Delete, "Delete and restore contacts", UserRole.InternalStaff);
    public static readonly Permission Import = new(Names.Import, "Import contacts from CSV", UserRole.InternalStaff);
    public static readonly Permission Export = new(Names.Export, "Export contacts to CSV", UserRole.InternalStaff);
    public static readonly Permission Merge = new(Names.Merge, "Merge duplicate contacts", UserRole.InternalStaff);
    public static readonly Permission ManageCategories = new(Names.ManageCategories, "Create, edit, activate and deactivate contact categories", UserRole.InternalStaff);

    public static readonly Permission Privacy = new(Names.Privacy, "Export everything held about a contact and erase a contact on request (data-subject requests)");

    public static readonly IReadOnlyList<Permission> All = [View, ViewAll, Create, Edit, Delete, Import, Export, Merge, ManageCategories, Privacy];
}
