using CrmPlatform.Core.Security;
using CrmPlatform.Core.Users;

namespace CrmPlatform.Marketing;

/// <summary>The marketing module's rights. Staff run campaigns; partners and leads get no marketing access at all.</summary>
public static class MarketingPermissions
{
    public static readonly Permission Manage = new("Campaigns.Manage", "Create, edit, preview, test-send and delete campaigns", UserRole.InternalStaff);
    public static readonly Permission Send = new("Campaigns.Send", "Send, schedule, pause, resume and cancel campaigns; retry failed messages", UserRole.InternalStaff);
    public static readonly Permission ViewAnalytics = new("Campaigns.ViewAnalytics", "See campaigns, their counters, timeline and messages (and a contact's messages)", UserRole.InternalStaff);
    public static readonly Permission ManageSettings = new("Campaigns.ManageSettings", "Change the marketing channel settings (SMTP server, SMS/WhatsApp provider, rates)", UserRole.Admin);

    public static readonly IReadOnlyList<Permission> All = [Manage, Send, ViewAnalytics, ManageSettings];
}
