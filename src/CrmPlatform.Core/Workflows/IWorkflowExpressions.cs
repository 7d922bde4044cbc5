using System.Text.Json.Nodes;

namespace CrmPlatform.Core.Workflows;

/// <summary>The values an expression sees: <c>Event</c>, <c>Variables</c> and <c>Workflow</c> (id, correlation id).</summary>
public sealed record ExpressionScope(JsonObject? Event, JsonObject Variables, Guid? InstanceId = null, string? CorrelationId = null);

/// <summary>Thrown when a template or script cannot be parsed or fails (time, memory, recursion limits, errors).</summary>
public sealed class ExpressionException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Liquid templates and sandboxed JavaScript, as the workflow engine uses them; available to modules that need the
/// same language elsewhere. Implemented by the Workflows module.
/// </summary>
public interface IWorkflowExpressions
{
    /// <summary>Null when the template parses; otherwise the parser's message with its position.</summary>
    string? CheckLiquid(string template);

    /// <summary>Null when the script parses; otherwise the parser's message with its position.</summary>
    string? CheckJavaScript(string script);

    /// <summary>Renders a template; values are written as they are, or HTML-encoded when <paramref name="htmlEncode"/> (HTML email bodies).</summary>
    Task<string> RenderLiquidAsync(string template, ExpressionScope scope, bool htmlEncode = false, CancellationToken ct = default);

    /// <summary>Runs the script; assignments through <c>setVariable(name, value)</c> land in <see cref="ExpressionScope.Variables"/>.</summary>
    object? EvaluateJavaScript(string script, ExpressionScope scope);
}
