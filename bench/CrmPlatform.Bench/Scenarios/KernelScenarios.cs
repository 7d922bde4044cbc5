using System.Net;
using CrmPlatform.Bench.Load;

namespace CrmPlatform.Bench.Scenarios;

/// <summary>Start-up time of the host on the generated data: process start to the first answered request.</summary>
internal sealed class ColdStartScenario : IScenario
{
    public string Name => "cold-start";
    public string Target => "informational";

    public Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var elapsed = context.Host.ColdStart;
        var result = new LoadResult(1, 0, elapsed, 1 / elapsed.TotalSeconds, elapsed.TotalMilliseconds, elapsed.TotalMilliseconds, elapsed.TotalMilliseconds);
        return Task.FromResult(new ScenarioResult(Name, Target, result, null, "process start → first 200 on /health"));
    }
}

/// <summary>The readiness probe (a database round trip) against a bare SELECT 1.</summary>
internal sealed class HealthScenario : IScenario
{
    public string Name => "health";
    public string Target => "informational";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var operations = context.Operations(2000);
        var ours = await LoadRunner.RunAsync(operations, 8, async _ => (await context.Api.GetAsync("health", ct)).StatusCode == HttpStatusCode.OK, ct);
        var raw = await context.RawQueryAsync(operations, 8, _ => ("SELECT 1", []), ct);
        return new ScenarioResult(Name, Target, ours, raw);
    }
}

/// <summary>An authenticated API call: token lookup, permission evaluation, JSON.</summary>
internal sealed class MeScenario : IScenario
{
    public string Name => "api-me";
    public string Target => "informational";

    public async Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var operations = context.Operations(2000);
        var ours = await LoadRunner.RunAsync(operations, 8, async _ => (await context.Api.GetAsync("api/v1/me", ct)).StatusCode == HttpStatusCode.OK, ct);
        var raw = await context.RawQueryAsync(operations, 8, _ => ("SELECT u.id, u.email, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @p0", [BenchToken.Hash]), ct);
        return new ScenarioResult(Name, Target, ours, raw);
    }
}

internal static class BenchToken
{
    public static readonly string Secret = CrmPlatform.Core.Security.ApiTokens.NewSecret();
    public static readonly string Hash = CrmPlatform.Core.Security.ApiTokens.Hash(Secret);
}
