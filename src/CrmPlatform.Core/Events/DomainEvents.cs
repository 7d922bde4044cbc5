namespace CrmPlatform.Core.Events;

/// <summary>
/// Something that happened in a module (<c>ContactCreated</c>, <c>LeadStatusChanged</c>…). Raised through
/// <c>CrmDbContext.Raise</c>, it is stored in the outbox with the change and delivered after commit, at least once.
/// </summary>
public interface IDomainEvent;

/// <summary>Handles one event type; must be idempotent because delivery is at least once.</summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, DomainEventContext context, CancellationToken ct);
}

/// <summary>Receives every event (the workflow engine listens this way without modules knowing it).</summary>
public interface IDomainEventSubscriber
{
    Task HandleAsync(IDomainEvent domainEvent, DomainEventContext context, CancellationToken ct);
}

/// <summary>Delivery facts: the outbox row's id (stable across redeliveries, usable for de-duplication) and when it was raised.</summary>
public sealed record DomainEventContext(Guid EventId, string EventName, DateTime RaisedAt, int Attempt);

/// <summary>Describes an event type for the workflow designer and the outbox (name ↔ CLR type).</summary>
public sealed record DomainEventDescriptor(string Name, Type Type, string ModuleId, string Title, string Description);

/// <summary>The events the modules declared.</summary>
public sealed class DomainEventRegistry
{
    private readonly Dictionary<string, DomainEventDescriptor> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, DomainEventDescriptor> _byType = [];

    public DomainEventRegistry(IEnumerable<DomainEventDescriptor> descriptors)
    {
        foreach (var descriptor in descriptors)
        {
            _byName[descriptor.Name] = descriptor;
            _byType[descriptor.Type] = descriptor;
        }
    }

    public IEnumerable<DomainEventDescriptor> All => _byName.Values;

    public DomainEventDescriptor? Find(string name) => _byName.GetValueOrDefault(name);

    public DomainEventDescriptor? Find(Type type) => _byType.GetValueOrDefault(type);

    /// <summary>The stored name of an event; its type name unless the type was registered under another.</summary>
    public static string NameOf(Type type) => type.Name;
}
