using CrmPlatform.Core.Workflows;
using Cronos;

namespace CrmPlatform.Workflows.Activities;

internal sealed class WaitForEventTask : IWorkflowTask
{
    public const string Name = "WaitForEvent";

    public ActivityDescriptor Descriptor { get; } = Control.Task(Name, "Wait for event", "Suspends until the event happens; with a correlation, only an event whose rendered correlation equals the instance's.") with
    {
        Properties =
        [
            new("Event", "Event", ActivityPropertyType.Text, Required: true) { Description = "The event's name, e.g. LeadStatusChanged." },
            new(ActivityLibrary.CorrelationProperty, "Correlation of the awaited event", ActivityPropertyType.Liquid) { Description = "Rendered with the incoming event, e.g. {{ Event.ContactId }}; must equal the instance's correlation id. Empty: any such event." },
        ],
        Suspends = true,
    };

    public Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct) =>
        Task.FromResult(ActivityResult.Event(context.GetRaw("Event")!.Trim()));
}

internal sealed class DelayTask(TimeProvider clock) : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = Control.Task("Delay", "Delay", "Suspends for a duration, then continues.") with
    {
        Category = "Timers",
        Properties = [new("Duration", "Duration", ActivityPropertyType.Duration, Required: true) { Default = "1h" }],
        Suspends = true,
    };

    public Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        if (!DurationParser.TryParse(context.GetRaw("Duration"), out var duration))
        {
            throw new InvalidOperationException($"'{context.GetRaw("Duration")}' is not a duration.");
        }
        return Task.FromResult(ActivityResult.Until(clock.GetUtcNow().UtcDateTime + duration));
    }
}

internal sealed class WaitUntilTask : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = Control.Task("WaitUntil", "At a time", "Suspends until a date and time (UTC), e.g. {{ Variables.dueAt }}.") with
    {
        Category = "Timers",
        Properties = [new("At", "Date and time (UTC)", ActivityPropertyType.Liquid, Required: true)],
        Suspends = true,
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var text = await context.GetTextAsync("At", ct);
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
        {
            throw new InvalidOperationException($"'{text}' is not a date and time.");
        }
        return ActivityResult.Until(at.UtcDateTime);
    }
}

internal sealed class ScheduleTask(TimeProvider clock) : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = Control.Task("Schedule", "Wait for schedule", "Suspends until the next time matching a cron expression (UTC).") with
    {
        Category = "Timers",
        Properties = [new("Cron", "Schedule (cron)", ActivityPropertyType.Cron, Required: true) { Default = "0 8 * * *" }],
        Suspends = true,
    };

    public Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var next = CronSchedule.Next(context.GetRaw("Cron")!, clock.GetUtcNow().UtcDateTime)
            ?? throw new InvalidOperationException("The schedule has no next occurrence.");
        return Task.FromResult(ActivityResult.Until(next));
    }
}

internal static class CronSchedule
{
    public static CronExpression Parse(string cron)
    {
        var trimmed = cron.Trim();
        var format = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.Parse(trimmed, format);
    }

    public static string? Check(string cron)
    {
        try
        {
            Parse(cron);
            return null;
        }
        catch (CronFormatException ex)
        {
            return ex.Message;
        }
    }

    public static DateTime? Next(string cron, DateTime utcNow) => Parse(cron).GetNextOccurrence(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc));
}
