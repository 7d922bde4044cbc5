using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Events;

namespace CrmPlatform.CrmTrackers;

/// <summary>A lead was created (form, API or recipe).</summary>
public sealed record LeadCreated(Guid LeadId, Guid TrackerId, Guid ContactId, string Title, LeadStatus Status, decimal? EstimatedValue, Guid? AssignedToId, Guid? CreatedById) : IDomainEvent;

/// <summary>A lead moved from <see cref="OldStatus"/> to <see cref="NewStatus"/>; carries its title and assignee for workflows (e.g. email the assignee when won).</summary>
public sealed record LeadStatusChanged(Guid LeadId, Guid TrackerId, Guid ContactId, LeadStatus OldStatus, LeadStatus NewStatus, Guid? ChangedById, string? Title = null, Guid? AssignedToId = null) : IDomainEvent;

/// <summary>A lead's assignee changed (null: unassigned).</summary>
public sealed record LeadAssigned(Guid LeadId, Guid TrackerId, Guid ContactId, Guid? OldAssignedToId, Guid? AssignedToId, Guid? AssignedById) : IDomainEvent;
