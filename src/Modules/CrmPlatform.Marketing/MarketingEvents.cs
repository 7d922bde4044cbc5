using CrmPlatform.Core.Events;

namespace CrmPlatform.Marketing;

/// <summary>A running campaign has no message left to send (each was sent or failed).</summary>
public sealed record CampaignCompleted(Guid CampaignId, string Name, string Type, int TotalRecipients, int SentCount, int FailedCount) : IDomainEvent;

/// <summary>A message failed for good (a permanent error, or the retry limit was reached).</summary>
public sealed record MessageFailed(Guid MessageId, Guid CampaignId, Guid ContactId, string Error) : IDomainEvent;

/// <summary>A contact opted out of marketing (unsubscribe link, one-click header, or an admin).</summary>
public sealed record ContactUnsubscribed(Guid ContactId, Guid? CampaignId, string Source) : IDomainEvent;
