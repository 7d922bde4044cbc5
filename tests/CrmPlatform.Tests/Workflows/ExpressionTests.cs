using System.Text.Json.Nodes;
using CrmPlatform.Core.Workflows;
using CrmPlatform.Workflows.Expressions;

namespace CrmPlatform.Tests.Workflows;

/// <summary>Unit tests of the Liquid and JavaScript services and the sandbox.</summary>
public sealed class ExpressionTests
{
    private readonly WorkflowExpressions _expressions = new();

    private static ExpressionScope Scope(JsonObject? variables = null) =>
        new(new JsonObject { ["ContactId"] = "c-1", ["Score"] = 12, ["Contact"] = new JsonObject { ["Name"] = "Ada" } }, variables ?? [], Guid.Empty, "corr-1");

    [Fact]
    public async Task Liquid_renders_the_event_variables_and_workflow()
    {
        var text = await _expressions.RenderLiquidAsync("{{ Event.Contact.Name }} {{ Event.ContactId }} {{ Variables.x }} {{ Workflow.CorrelationId }} {{ Event.Score | plus: 1 }}", Scope(new JsonObject { ["x"] = "y" }), ct: TestContext.Current.CancellationToken);
        Assert.Equal("Ada c-1 y corr-1 13", text);
    }

    [Fact]
    public async Task Liquid_writes_values_as_they_are_unless_html_is_asked_for()
    {
        var scope = Scope(new JsonObject { ["x"] = "O'Brien & <b>" });
        Assert.Equal("O'Brien & <b>", await _expressions.RenderLiquidAsync("{{ Variables.x }}", scope, ct: TestContext.Current.CancellationToken));
        Assert.Equal("<p>O&#x27;Brien &amp; &lt;b&gt;</p>", await _expressions.RenderLiquidAsync("<p>{{ Variables.x }}</p>", scope, htmlEncode: true, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Scripts_read_the_event_and_set_variables()
    {
        var scope = Scope();
        var result = _expressions.EvaluateJavaScript("setVariable('double', Event.Score * 2); Variables.name = Event.Contact.Name; Event.Score > 10", scope);
        Assert.Equal(true, result);
        Assert.Equal(24, scope.Variables["double"]!.GetValue<double>());
        Assert.Equal("Ada", scope.Variables["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("typeof importNamespace === 'undefined' && typeof System === 'undefined' && typeof require === 'undefined'")]
    [InlineData("typeof clr === 'undefined' && typeof host === 'undefined'")]
    public void Scripts_have_no_access_to_the_host(string script) => Assert.Equal(true, _expressions.EvaluateJavaScript(script, Scope()));

    [Theory]
    [InlineData("function f(n) { return f(n + 1); } f(0)", "recursed deeper")]
    [InlineData("var a = []; while (true) { a.push('x'.repeat(1000)); }", "was stopped")]
    [InlineData("while (true) { }", "was stopped")]
    public void Runaway_scripts_are_stopped_with_the_reason(string script, string reason)
    {
        var started = DateTime.UtcNow;
        var ex = Assert.Throws<ExpressionException>(() => _expressions.EvaluateJavaScript(script, Scope()));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_failing_script_leaves_the_variables_unchanged()
    {
        var scope = Scope(new JsonObject { ["kept"] = 1 });
        Assert.Throws<ExpressionException>(() => _expressions.EvaluateJavaScript("setVariable('kept', 2); throw new Error('no')", scope));
        Assert.Equal(1, scope.Variables["kept"]!.GetValue<int>());
    }

    [Fact]
    public void Syntax_errors_are_reported_with_their_position()
    {
        Assert.Contains("1", _expressions.CheckLiquid("{% if %}"), StringComparison.Ordinal);
        Assert.NotNull(_expressions.CheckJavaScript("var = ;"));
        Assert.Null(_expressions.CheckJavaScript("var a = 1;"));
    }
}
