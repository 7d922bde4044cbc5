using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmPlatform.Core.Workflows;
using Fluid;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace CrmPlatform.Workflows.Expressions;

/// <summary>
/// Liquid through Fluid and JavaScript through Jint. Scripts run in a fresh engine per evaluation with no CLR access
/// (no <c>AllowClr</c>, no host objects: the event and variables are copied in as plain JSON), a time limit, a memory
/// limit, a recursion limit and a statement limit; any breach is an <see cref="ExpressionException"/> with the reason.
/// </summary>
internal sealed class WorkflowExpressions : IWorkflowExpressions
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);
    public const long MemoryLimitBytes = 64 * 1024 * 1024;
    public const int RecursionLimit = 64;
    public const int StatementLimit = 1_000_000;

    private const string Prelude = "function setVariable(n, v) { Variables[n] = v; } function getVariable(n) { return Variables[n]; }";

    private static readonly FluidParser Liquid = new();
    private static readonly TemplateOptions LiquidOptions = new() { MaxSteps = 100_000, MaxRecursion = 32 };
    private readonly ConcurrentDictionary<string, IFluidTemplate> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Prepared<Acornima.Ast.Script>> _scripts = new(StringComparer.Ordinal);

    public string? CheckLiquid(string template) =>
        Liquid.TryParse(template, out _, out var error) ? null : error;

    public string? CheckJavaScript(string script)
    {
        try
        {
            Jint.Engine.PrepareScript(script);
            return null;
        }
        catch (Exception ex)
        {
            return ex.Message;
        }
    }

    public async Task<string> RenderLiquidAsync(string template, ExpressionScope scope, bool htmlEncode = false, CancellationToken ct = default)
    {
        if (!template.Contains("{{", StringComparison.Ordinal) && !template.Contains("{%", StringComparison.Ordinal))
        {
            return template;
        }
        var parsed = Cache(_templates, template, t => Liquid.TryParse(t, out var result, out var error)
            ? result
            : throw new ExpressionException($"Invalid Liquid: {error}"));
        var context = new TemplateContext(LiquidOptions);
        context.SetValue("Event", JsonConvert.ToClr(scope.Event));
        context.SetValue("Variables", JsonConvert.ToClr(scope.Variables));
        context.SetValue("Workflow", new Dictionary<string, object?> { ["Id"] = scope.InstanceId?.ToString(), ["CorrelationId"] = scope.CorrelationId });
        try
        {
            return htmlEncode ? await parsed.RenderAsync(context, System.Text.Encodings.Web.HtmlEncoder.Default) : await parsed.RenderAsync(context, NullEncoder.Default);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ExpressionException($"Liquid failed: {ex.Message}", ex);
        }
    }

    public object? EvaluateJavaScript(string script, ExpressionScope scope)
    {
        var prepared = Cache(_scripts, script, s =>
        {
            try
            {
                return Jint.Engine.PrepareScript(s);
            }
            catch (Exception ex)
            {
                throw new ExpressionException($"Invalid JavaScript: {ex.Message}", ex);
            }
        });
        var engine = new Jint.Engine(options => options
            .TimeoutInterval(TimeLimit)
            .LimitMemory(MemoryLimitBytes)
            .LimitRecursion(RecursionLimit)
            .MaxStatements(StatementLimit)
            .Strict(false));
        try
        {
            var parser = new Jint.Native.Json.JsonParser(engine);
            engine.SetValue("Event", scope.Event is null ? JsValue.Null : parser.Parse(scope.Event.ToJsonString()));
            engine.SetValue("Variables", parser.Parse(scope.Variables.ToJsonString()));
            engine.SetValue("Workflow", parser.Parse(JsonSerializer.Serialize(new { Id = scope.InstanceId, scope.CorrelationId })));
            engine.Execute(Prelude);
            var result = engine.Evaluate(prepared);
            var variables = engine.Evaluate("JSON.stringify(Variables)").AsString();
            var updated = JsonNode.Parse(variables) as JsonObject ?? [];
            scope.Variables.Clear();
            foreach (var (key, value) in updated.ToList())
            {
                updated.Remove(key);
                scope.Variables[key] = value;
            }
            return JsonConvert.FromJs(result);
        }
        catch (TimeoutException)
        {
            throw new ExpressionException($"The script ran longer than its {TimeLimit.TotalSeconds:0.#} s limit and was stopped.");
        }
        catch (MemoryLimitExceededException)
        {
            throw new ExpressionException($"The script used more than its {MemoryLimitBytes / 1024 / 1024} MB memory limit and was stopped.");
        }
        catch (RecursionDepthOverflowException)
        {
            throw new ExpressionException($"The script recursed deeper than {RecursionLimit} calls and was stopped.");
        }
        catch (StatementsCountOverflowException)
        {
            throw new ExpressionException($"The script ran more than {StatementLimit:N0} statements and was stopped.");
        }
        catch (JavaScriptException ex)
        {
            throw new ExpressionException($"The script failed: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not ExpressionException and not OperationCanceledException)
        {
            throw new ExpressionException($"The script failed: {ex.Message}", ex);
        }
    }

    private static T Cache<T>(ConcurrentDictionary<string, T> cache, string key, Func<string, T> create)
    {
        if (cache.TryGetValue(key, out var hit))
        {
            return hit;
        }
        var value = create(key);
        if (cache.Count < 2000)
        {
            cache.TryAdd(key, value);
        }
        return value;
    }
}

/// <summary>Moves values between JSON nodes and the plain CLR shapes Fluid and the tasks read.</summary>
internal static class JsonConvert
{
    public static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o.ToDictionary(p => p.Key, p => ToClr(p.Value)),
        JsonArray a => a.Select(ToClr).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => JsonSerializer.Deserialize<string>(v.ToJsonString()),
            JsonValueKind.Number => decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : v.ToJsonString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => null,
    };

    public static object? FromJs(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined())
        {
            return null;
        }
        if (value.IsBoolean())
        {
            return value.AsBoolean();
        }
        if (value.IsNumber())
        {
            return value.AsNumber();
        }
        if (value.IsString())
        {
            return value.AsString();
        }
        return JsonSerializer.SerializeToNode(value.ToObject());
    }

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };
}
