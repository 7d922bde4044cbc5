using CrmPlatform.Bench.Generation;
using CrmPlatform.Bench.Hosting;
using CrmPlatform.Bench.Load;

namespace CrmPlatform.Bench.Scenarios;

/// <summary>One measured piece of work: through the HTTP stack (ours) and, where there is one, the raw database floor.</summary>
internal interface IScenario
{
    string Name { get; }

    /// <summary>The figure an issue asks for, e.g. "p99 &lt; 100 ms"; printed beside the result.</summary>
    string Target { get; }

    Task<ScenarioResult> RunAsync(BenchContext context, CancellationToken ct);
}

internal sealed record ScenarioResult(string Name, string Target, LoadResult Ours, LoadResult? Raw, string? Note = null)
{
    /// <summary>The host's highest RSS while the scenario ran, and its RSS right after (set by the runner).</summary>
    public long PeakRssBytes { get; init; }

    public long RssAfterBytes { get; init; }

    /// <summary>A scenario that threw: counted as one operation with one error, the message in <see cref="Note"/>.</summary>
    public static ScenarioResult Failed(IScenario scenario, Exception error) =>
        new(scenario.Name, scenario.Target, new LoadResult(1, 1, TimeSpan.Zero, 0, 0, 0, 0), null, $"failed: {error.GetType().Name}: {error.Message}");

    /// <summary>How many times slower than the raw floor, by median latency (1.0 = as fast as the raw query).</summary>
    public double? Ratio => Raw is null || Raw.P50 <= 0 ? null : Ours.P50 / Raw.P50;
}

/// <summary>What scenarios share: the running host, an authenticated admin API client, and the database for raw queries.</summary>
internal sealed class BenchContext(BenchOptions options, HostProcess host, HttpClient api, BulkWriter database, GenerationContext data)
{
    public BenchOptions Options { get; } = options;
    public HostProcess Host { get; } = host;
    public HttpClient Api { get; } = api;
    public BulkWriter Database { get; } = database;
    public GenerationContext Data { get; } = data;

    /// <summary>Operation count for a latency scenario: enough samples for a p99 even in quick mode.</summary>
    public int Operations(int full) => Math.Max(200, Options.Quick ? full / 10 : full);

    /// <summary>Runs the same SQL <paramref name="operations"/> times at <paramref name="concurrency"/>: the floor for a read scenario.</summary>
    public Task<LoadResult> RawQueryAsync(int operations, int concurrency, Func<int, (string Sql, object[] Args)> query, CancellationToken ct) =>
        LoadRunner.RunAsync(operations, concurrency, async i =>
        {
            var (sql, args) = query(i);
            await using var connection = Database.Open();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var a = 0; a < args.Length; a++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + a;
                parameter.Value = args[a];
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
            }
            return true;
        }, ct);

    /// <summary>Like <see cref="RawQueryAsync"/> for work that takes several statements, run one after another on one connection.</summary>
    public Task<LoadResult> RawQueriesAsync(int operations, int concurrency, Func<int, IReadOnlyList<(string Sql, object[] Args)>> queries, CancellationToken ct) =>
        LoadRunner.RunAsync(operations, concurrency, async i =>
        {
            await using var connection = Database.Open();
            await connection.OpenAsync(ct);
            foreach (var (sql, args) in queries(i))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                for (var a = 0; a < args.Length; a++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@p" + a;
                    parameter.Value = args[a];
                    command.Parameters.Add(parameter);
                }
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                }
            }
            return true;
        }, ct);

    /// <summary>A key as the provider stores it: upper-case text on SQLite (as EF Core writes it), uuid on PostgreSQL.</summary>
    public object Key(Guid id) => Database.Provider == CrmPlatform.Core.Data.DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;
}
