namespace CrmPlatform.CrmTrackers.Data;

/// <summary>CRM_FIELDS.type: the input a custom field renders and the values it accepts.</summary>
public enum FieldType
{
    Text,
    Number,
    Email,
    Phone,
    Date,
    Select,
    MultiSelect,
    Textarea,
    Boolean,
}

/// <summary>LEADS.status, in pipeline order (the board's columns and the funnel follow it).</summary>
public enum LeadStatus
{
    New,
    Contacted,
    Qualified,
    Proposal,
    Negotiation,
    ClosedWon,
    ClosedLost,
    OnHold,
}

public static class LeadStatuses
{
    public static readonly IReadOnlyList<LeadStatus> All = Enum.GetValues<LeadStatus>();

    /// <summary>The stages a lead climbs before it is won; the funnel counts leads that reached each.</summary>
    public static readonly IReadOnlyList<LeadStatus> Funnel = [LeadStatus.New, LeadStatus.Contacted, LeadStatus.Qualified, LeadStatus.Proposal, LeadStatus.Negotiation, LeadStatus.ClosedWon];

    public static bool IsOpen(this LeadStatus status) => status is not (LeadStatus.ClosedWon or LeadStatus.ClosedLost);

    public static string ToTitle(this LeadStatus status) => status switch
    {
        LeadStatus.ClosedWon => "Closed won",
        LeadStatus.ClosedLost => "Closed lost",
        LeadStatus.OnHold => "On hold",
        _ => status.ToString(),
    };

    public static string ToName(this LeadStatus status) => Core.Data.EnumNames.ToSnake(status);

    public static string ToName(this FieldType type) => Core.Data.EnumNames.ToSnake(type);
}
