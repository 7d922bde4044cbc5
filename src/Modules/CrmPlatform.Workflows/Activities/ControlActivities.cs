using System.Text.Json.Nodes;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Expressions;

namespace CrmPlatform.Workflows.Activities;

internal static class Control
{
    public const string Category = "Control flow";

    public static ActivityDescriptor Task(string name, string title, string description) =>
        new(name, title, Category, WorkflowsModule.ModuleId, ActivityKind.Task) { Description = description };
}

internal sealed class IfElseTask : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = Control.Task("IfElse", "If / else", "Follows True or False depending on a JavaScript condition.") with
    {
        Properties = [new("Condition", "Condition", ActivityPropertyType.JavaScript, Required: true) { Description = "e.g. Variables.score > 10" }],
        Outcomes = ["True", "False"],
    };

    public Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult(ActivityResult.Outcome(JsonConvert.IsTruthy(context.Evaluate("Condition")) ? "True" : "False"));
}

internal sealed class SwitchTask : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = Control.Task("Switch", "Switch", "Follows the case equal to the expression's value, else Default.") with
    {
        Properties =
        [
            new("Expression", "Expression", ActivityPropertyType.JavaScript, Required: true) { Description = "e.g. Event.Status" },
            new("Cases", "Cases", ActivityPropertyType.Lines, Required: true) { Description = "One case per line; each is an outcome." },
        ],
        Outcomes = ["Default"],
        OutcomesProperty = "Cases",
    };

    public Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var value = Convert.ToString(context.Evaluate("Expression"), System.Globalization.CultureInfo.InvariantCulture);
        var cases = ActivityDescriptor.SplitLines(context.GetRaw("Cases"));
        return System.Threading.Tasks.Task.FromResult(ActivityResult.Outcome(cases.FirstOrDefault(c => c == value) ?? "Default"));
    }
}

internal sealed class ScriptTask : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = Control.Task("Script", "Script", "Runs JavaScript; setVariable(name, value) stores variables. Returning one of the listed outcomes follows it, else Done.") with
    {
        Properties =
        [
            new("Script", "Script", ActivityPropertyType.JavaScript, Required: true) { Description = "e.g. setVariable('total', Event.Score * 2)" },
            new("Outcomes", "Extra outcomes", ActivityPropertyType.Lines),
        ],
        OutcomesProperty = "Outcomes",
    };

    public Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var result = context.Evaluate("Script") as string;
        var outcomes = ActivityDescriptor.SplitLines(context.GetRaw("Outcomes"));
        return System.Threading.Tasks.Task.FromResult(ActivityResult.Outcome(result is not null && outcomes.Contains(result) ? result : "Done"));
    }
}

internal sealed class SetVariableTask : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = Control.Task("SetVariable", "Set variable", "Stores a value (Liquid text, or a JavaScript expression's value) in a variable.") with
    {
        Properties =
        [
            new("Name", "Variable name", ActivityPropertyType.Text, Required: true),
            new("Value", "Value (Liquid)", ActivityPropertyType.Liquid),
            new("Expression", "Or value of (JavaScript)", ActivityPropertyType.JavaScript),
        ],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var name = context.GetRaw("Name")!.Trim();
        context.Variables[name] = string.IsNullOrWhiteSpace(context.GetRaw("Expression"))
            ? JsonValue.Create(await context.GetTextAsync("Value", ct))
            : System.Text.Json.JsonSerializer.SerializeToNode(context.Evaluate("Expression"));
        return ActivityResult.Done();
    }
}

internal sealed class ForkTask : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = Control.Task("Fork", "Fork", "Follows every branch at once; a Join waits for them.") with
    {
        Properties = [new("Branches", "Branches", ActivityPropertyType.Lines, Required: true) { Default = "A\nB" }],
        Outcomes = [],
        OutcomesProperty = "Branches",
    };

    public Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult(ActivityResult.Many(ActivityDescriptor.SplitLines(context.GetRaw("Branches"))));
}

/// <summary>The engine counts arrivals before running a join; when it runs, the branches have met.</summary>
internal sealed class JoinTask : IWorkflowTask
{
    public const string Name = "Join";

    public ActivityDescriptor Descriptor { get; } = Control.Task(Name, "Join", "Continues once every incoming branch (or the first, in 'any' mode) has arrived.") with
    {
        Properties = [new("Mode", "Wait for", ActivityPropertyType.Select, Required: true) { Options = ["all", "any"], Default = "all" }],
    };

    public Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct) =>
        System.Threading.Tasks.Task.FromResult(ActivityResult.Done());
}

internal sealed class LogTask(Microsoft.Extensions.Logging.ILogger<LogTask> logger) : IWorkflowTask
{
    public ActivityDescriptor Descriptor { get; } = Control.Task("Log", "Log", "Writes a message to the instance's log (and the application log).") with
    {
        Properties = [new("Message", "Message", ActivityPropertyType.Liquid, Required: true)],
    };

    public async Task<ActivityResult> ExecuteAsync(WorkflowTaskContext context, CancellationToken ct)
    {
        var message = await context.GetTextAsync("Message", ct);
        context.Log(message);
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "Workflow {InstanceId}: {Message}", context.InstanceId, message);
        return ActivityResult.Done();
    }
}
