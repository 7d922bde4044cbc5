using CrmPlatform.Core.Events;

namespace CrmPlatform.Core.Workflows;

/// <summary>
/// Every domain event a module declares with <c>AddDomainEvent</c> is also a workflow event activity, described here:
/// same name, the module's id (hidden while the feature is off), and the optional filter and correlation properties.
/// </summary>
public static class WorkflowEvents
{
    /// <summary>Lines of <c>Field = value</c> (dotted paths allowed), all of which must equal the event's fields.</summary>
    public const string MatchProperty = "Match";

    /// <summary>A JavaScript condition over <c>Event</c> that must be truthy.</summary>
    public const string ConditionProperty = "Condition";

    /// <summary>A Liquid template giving the instance's correlation id (e.g. <c>{{ Event.ContactId }}</c>).</summary>
    public const string CorrelationProperty = "Correlation";

    public static ActivityDescriptor Describe(DomainEventDescriptor domainEvent, string category) =>
        new(domainEvent.Name, domainEvent.Title, category, domainEvent.ModuleId, ActivityKind.Event)
        {
            Description = domainEvent.Description,
            Properties =
            [
                new(MatchProperty, "Only when (field = value)", ActivityPropertyType.Lines) { Description = "One Field = value per line, compared with the event's fields, e.g. Status = closed_won." },
                new(ConditionProperty, "Only when (JavaScript)", ActivityPropertyType.JavaScript) { Description = "A condition over Event, e.g. Event.AssessmentId == '…'." },
                new(CorrelationProperty, "Correlation id", ActivityPropertyType.Liquid) { Description = "Identifies the instance for later Wait for event activities, e.g. {{ Event.ContactId }}." },
            ],
        };
}
