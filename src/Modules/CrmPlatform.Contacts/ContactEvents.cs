using CrmPlatform.Core.Events;

namespace CrmPlatform.Contacts;

// Enum values travel as their seed names ("employee", "call") so workflows read the payloads without this assembly.

/// <summary>A contact was created (form, API, recipe or import).</summary>
public sealed record ContactCreated(Guid ContactId, string Name, string Email, string Phone, string Type, string? Company, Guid? CategoryId, Guid? CreatedById) : IDomainEvent;

/// <summary>A contact's fields changed; <see cref="ChangedFields"/> names them (C# property names, e.g. <c>EmailId</c>).</summary>
public sealed record ContactUpdated(Guid ContactId, string Name, string Email, IReadOnlyList<string> ChangedFields, Guid? UpdatedById) : IDomainEvent;

/// <summary>A contact was soft-deleted (it can be restored).</summary>
public sealed record ContactDeleted(Guid ContactId, string Name, string Email, Guid? DeletedById) : IDomainEvent;

/// <summary>A note was added to a contact.</summary>
public sealed record NoteAdded(Guid NoteId, Guid ContactId, string Content, bool HasAttachment, Guid? CreatedById) : IDomainEvent;

/// <summary>A scheduled, open activity reached its scheduled time (raised once per scheduled time).</summary>
public sealed record ActivityDue(Guid ActivityId, Guid ContactId, string Type, string Title, DateTime ScheduledAt, Guid? AssignedToId) : IDomainEvent;
