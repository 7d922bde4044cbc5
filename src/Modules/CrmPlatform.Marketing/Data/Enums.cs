namespace CrmPlatform.Marketing.Data;

/// <summary>MARKETING_CAMPAIGNS.type: the channel a campaign goes out on.</summary>
public enum CampaignType
{
    Email,
    Whatsapp,
    Sms,
}

/// <summary>MARKETING_CAMPAIGNS.status.</summary>
public enum CampaignStatus
{
    Draft,
    Scheduled,
    Running,
    Completed,
    Cancelled,
}

/// <summary>MARKETING_MESSAGES.status: the furthest point a message reached (clicked implies opened, opened implies sent).</summary>
public enum MessageStatus
{
    Pending,
    Sent,
    Delivered,
    Failed,
    Opened,
    Clicked,
}
