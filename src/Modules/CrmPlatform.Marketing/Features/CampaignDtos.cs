using System.ComponentModel.DataAnnotations;
using CrmPlatform.Marketing.Data;

namespace CrmPlatform.Marketing.Features;

public sealed record CampaignDto(
    Guid Id, string Name, string? Description, CampaignType Type, CampaignStatus Status, bool Paused, string Subject, string Content,
    Guid? CategoryId, string? CategoryName, DateTime? ScheduledAt, DateTime? SentAt, int TotalRecipients, int SentCount,
    int DeliveredCount, int OpenedCount, int ClickedCount, int FailedCount, int PendingCount, Guid? CreatedById, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record CampaignListItem(Guid Id, string Name, CampaignType Type, CampaignStatus Status, bool Paused, string? CategoryName,
    DateTime? ScheduledAt, DateTime? SentAt, int TotalRecipients, int SentCount, int OpenedCount, int ClickedCount, DateTime CreatedAt);

public sealed record MessageDto(Guid Id, Guid ContactId, string? ContactName, string? Recipient, MessageStatus Status, DateTime? SentAt, DateTime? DeliveredAt,
    DateTime? OpenedAt, DateTime? ClickedAt, string? ErrorMessage, int Attempts, DateTime CreatedAt);

/// <summary>A contact's message, for the contact page and the privacy export.</summary>
public sealed record ContactMessageDto(Guid Id, Guid CampaignId, string CampaignName, CampaignType Channel, MessageStatus Status, string? Recipient,
    DateTime? SentAt, DateTime? DeliveredAt, DateTime? OpenedAt, DateTime? ClickedAt, string? ErrorMessage, DateTime CreatedAt);

/// <summary>Sends, opens and clicks per hour (or per day for long campaigns) for the analytics chart.</summary>
public sealed record CampaignTimeline(string Unit, IReadOnlyList<string> Labels, IReadOnlyList<int> Sent, IReadOnlyList<int> Opened, IReadOnlyList<int> Clicked);

/// <summary>A test send: the address to send to and, optionally, the contact whose fields fill the template.</summary>
public sealed record TestSendRequest(string? Address, Guid? ContactId);

public sealed record PreviewDto(string Subject, string? Html, string Text);

/// <summary>The editable fields of a campaign, validated the same way for the form and the API.</summary>
public sealed class CampaignInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter a name."), StringLength(MarketingCampaign.NameMaxLength, ErrorMessage = "The name can have at most 200 characters.")]
    public string? Name { get; set; }

    [StringLength(MarketingCampaign.DescriptionMaxLength, ErrorMessage = "The description can have at most 4000 characters.")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "Choose the channel.")]
    public CampaignType? Type { get; set; }

    [StringLength(MarketingCampaign.SubjectMaxLength, ErrorMessage = "The subject can have at most 300 characters.")]
    public string? Subject { get; set; }

    [Required(ErrorMessage = "Write the content."), StringLength(MarketingCampaign.ContentMaxLength, ErrorMessage = "The content can have at most 200,000 characters.")]
    public string? Content { get; set; }

    [Required(ErrorMessage = "Choose the category of contacts to send to.")]
    public Guid? CategoryId { get; set; }

    /// <summary>When set, sending schedules the campaign for this time (UTC) instead of starting it.</summary>
    public DateTime? ScheduledAt { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Type is { } type && !Enum.IsDefined(type))
        {
            yield return new ValidationResult("Choose email, whatsapp or sms.", [nameof(Type)]);
        }
        if (Type == CampaignType.Email && string.IsNullOrWhiteSpace(Subject))
        {
            yield return new ValidationResult("An email needs a subject.", [nameof(Subject)]);
        }
        if (Type is CampaignType.Sms or CampaignType.Whatsapp && Content is { Length: > 1600 })
        {
            yield return new ValidationResult("An SMS or WhatsApp text can have at most 1600 characters.", [nameof(Content)]);
        }
        foreach (var (field, messages) in CampaignTemplates.Validate(Subject, Content))
        {
            yield return new ValidationResult(messages[0], [field]);
        }
    }

    public static CampaignInput From(CampaignDto dto) => new()
    {
        Name = dto.Name, Description = dto.Description, Type = dto.Type, Subject = dto.Subject, Content = dto.Content,
        CategoryId = dto.CategoryId, ScheduledAt = dto.ScheduledAt,
    };

    public void ApplyTo(MarketingCampaign campaign)
    {
        campaign.Name = Name!.Trim();
        campaign.Description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        campaign.Type = Type!.Value;
        campaign.Subject = Subject?.Trim() ?? "";
        campaign.Content = Content!;
        campaign.CategoryId = CategoryId;
        campaign.ScheduledAt = ScheduledAt is { } at ? DateTime.SpecifyKind(at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at, DateTimeKind.Utc) : null;
    }
}
