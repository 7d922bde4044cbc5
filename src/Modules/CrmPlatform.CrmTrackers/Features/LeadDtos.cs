using System.Text.Json.Nodes;
using CrmPlatform.CrmTrackers.Data;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>A lead as lists, the lead page and the API show it; <see cref="Fields"/> is keyed by field name and typed.</summary>
public sealed record LeadDto(
    Guid Id, string Title, string? Description, LeadStatus Status, decimal? EstimatedValue, DateTime? ExpectedCloseDate,
    Guid ContactId, string? ContactName, string? ContactEmail, Guid TrackerId, string? TrackerName,
    Guid? AssignedToId, string? AssignedToName, Guid? CreatedById, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt,
    IReadOnlyDictionary<string, JsonNode?> Fields);

/// <summary>One custom field value as the lead page shows it (label, type and display text).</summary>
public sealed record LeadFieldDto(Guid FieldId, string Name, string Label, FieldType Type, string? Value, string Display);

/// <summary>The lead page: the lead, its custom fields in tracker order, notes and status history.</summary>
public sealed record LeadDetails(LeadDto Lead, IReadOnlyList<LeadFieldDto> Fields, IReadOnlyList<FieldDto> FieldDefinitions, IReadOnlyList<LeadNoteDto> Notes, IReadOnlyList<StatusChangeDto> History);

public sealed record LeadNoteDto(Guid Id, string Content, Guid? CreatedById, string? CreatedByName, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record StatusChangeDto(DateTime At, Guid? UserId, string? UserName, LeadStatus? From, LeadStatus To);

internal sealed record LeadRow(
    Guid Id, string Title, string? Description, LeadStatus Status, decimal? EstimatedValue, DateTime? ExpectedCloseDate,
    Guid ContactId, string? ContactName, string? ContactEmail, Guid TrackerId, string? TrackerName,
    Guid? AssignedToId, string? AssignedFirst, string? AssignedLast, Guid? CreatedById, DateTime CreatedAt, DateTime UpdatedAt, DateTime? DeletedAt)
{
    public LeadDto ToDto(IReadOnlyDictionary<string, JsonNode?> fields) => new(
        Id, Title, Description, Status, EstimatedValue, ExpectedCloseDate, ContactId, ContactName, ContactEmail, TrackerId, TrackerName,
        AssignedToId, AssignedToId is null ? null : $"{AssignedFirst} {AssignedLast}".Trim(), CreatedById, CreatedAt, UpdatedAt, DeletedAt, fields);

    public static readonly System.Linq.Expressions.Expression<Func<Lead, LeadRow>> Projection = l => new LeadRow(
        l.Id, l.Title, l.Description, l.Status, l.EstimatedValue, l.ExpectedCloseDate,
        l.ContactId, l.Contact!.Name, l.Contact.EmailId, l.TrackerId, l.Tracker!.Name,
        l.AssignedToId, l.AssignedTo!.FirstName, l.AssignedTo.LastName, l.CreatedById, l.CreatedAt, l.UpdatedAt, l.DeletedAt);
}
