using System.Text.Json;

namespace CrmPlatform.Core.Events;

/// <summary>A domain event waiting to be delivered (the transactional outbox).</summary>
public sealed class OutboxMessage
{
    // Enums as their snake_case names, like the API and the database, so stored payloads read the same everywhere.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Type { get; set; } = "";
    public string Payload { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public DateTime? LockedUntil { get; set; }
    public string? LockedBy { get; set; }

    /// <summary>True once retries are exhausted; kept for inspection, never delivered again automatically.</summary>
    public bool Failed { get; set; }

    public static OutboxMessage From(IDomainEvent domainEvent, DateTime now) => new()
    {
        Type = DomainEventRegistry.NameOf(domainEvent.GetType()),
        Payload = JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Json),
        CreatedAt = now,
        NextAttemptAt = now,
    };
}
