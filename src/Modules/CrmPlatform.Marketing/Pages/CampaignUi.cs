using CrmPlatform.Marketing.Data;

namespace CrmPlatform.Marketing.Pages;

/// <summary>Badge colours and rates shared by the campaign screens.</summary>
public static class CampaignUi
{
    public static string CampaignBadge(CampaignStatus status, bool paused) => paused ? "warning" : status switch
    {
        CampaignStatus.Draft => "secondary",
        CampaignStatus.Scheduled => "info",
        CampaignStatus.Running => "primary",
        CampaignStatus.Completed => "success",
        _ => "dark",
    };

    public static string MessageBadge(MessageStatus status) => status switch
    {
        MessageStatus.Pending => "secondary",
        MessageStatus.Failed => "danger",
        MessageStatus.Clicked or MessageStatus.Opened => "success",
        _ => "primary",
    };

    public static string Rate(int part, int whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
