using System.Net.Http.Headers;
using CrmPlatform.Bench;
using CrmPlatform.Bench.Generation;
using CrmPlatform.Bench.Hosting;
using CrmPlatform.Bench.Reporting;
using CrmPlatform.Bench.Scenarios;
using CrmPlatform.Core.Data;
using Npgsql;

// The benchmark: generate a data set, start the real host on loopback, run every scenario through HTTP and the raw
// floor, print a table and write JSON. `dotnet run -c Release --project bench/CrmPlatform.Bench -- --provider sqlite --quick`.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: --provider sqlite|postgres [--connection CS] [--scale 1] [--generator-scale name=scale,...] [--quick] [--seed 42] [--only scenario,...] [--keep-data]");
    return 2;
}

var work = Path.Combine(options.Root, "bench", "work");
Directory.CreateDirectory(work);
string connectionString;
if (options.Provider == DatabaseProvider.PostgreSql)
{
    var database = $"crm_bench_{(options.Quick ? "quick" : "s" + options.Scale.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace('.', '_'))}";
    await using (var admin = new NpgsqlConnection(options.Connection))
    {
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
        await create.ExecuteNonQueryAsync();
    }
    connectionString = new NpgsqlConnectionStringBuilder(options.Connection) { Database = database, MaxPoolSize = 200 }.ToString();
}
else
{
    var file = Path.Combine(work, options.Quick ? "bench-quick.db" : $"bench-{options.Scale}.db");
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(file + suffix);
    }
    connectionString = $"Data Source={file}";
}

Console.WriteLine("Building the host (Release)…");
await HostProcess.BuildAsync(options.Root);
var contentRoot = Path.Combine(work, "content");
Directory.CreateDirectory(contentRoot);

// First start: migrations and unattended setup on the empty database.
await using (await HostProcess.StartAsync(options.Root, options.Provider, connectionString, contentRoot))
{
}

var writer = new BulkWriter(options.Provider, connectionString);
var adminId = await AdminIdAsync(writer);
await writer.WriteAsync("api_tokens", ["id", "user_id", "name", "prefix", "token_hash", "created_at", "updated_at"],
    [[Guid.CreateVersion7(), adminId, "bench", BenchToken.Secret[..8], BenchToken.Hash, DateTime.UtcNow, DateTime.UtcNow]]);

var data = new GenerationContext(writer, options, adminId);
var generation = new List<GenerationResult>();
foreach (var generator in Catalog.Generators.OrderBy(g => g.Order))
{
    Console.WriteLine($"Generating {generator.Name}…");
    var result = await generator.GenerateAsync(data, CancellationToken.None);
    Console.WriteLine($"  {result.Rows:N0} rows in {result.Elapsed.TotalSeconds:F1} s");
    generation.Add(result);
}
if (options.Provider == DatabaseProvider.PostgreSql)
{
    await writer.ExecuteAsync("ANALYZE");
}
else
{
    await writer.ExecuteAsync("PRAGMA optimize; ANALYZE;");
}

Console.WriteLine("Starting the host on the generated data…");
var results = new List<ScenarioResult>();
long peak, steady;
await using (var host = await HostProcess.StartAsync(options.Root, options.Provider, connectionString, contentRoot))
{
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
    using var api = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
    api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchToken.Secret);
    var context = new BenchContext(options, host, api, writer, data);
    foreach (var scenario in Catalog.Scenarios.Where(s => options.Only.Count == 0 || options.Only.Contains(s.Name)))
    {
        Console.WriteLine($"Running {scenario.Name}…");
        host.ResetWindowPeak();
        ScenarioResult result;
        try
        {
            result = await scenario.RunAsync(context, CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException or System.Data.Common.DbException or FormatException or KeyNotFoundException)
        {
            // One broken scenario must not hide the others' figures; it is reported as an error and fails the run.
            Console.Error.WriteLine($"  {scenario.Name} failed: {ex}");
            result = ScenarioResult.Failed(scenario, ex);
        }
        result = result with { PeakRssBytes = host.WindowPeakRssBytes, RssAfterBytes = host.CurrentRssBytes };
        results.Add(result);
        Console.WriteLine($"  p50 {result.Ours.P50:F2} ms, p99 {result.Ours.P99:F2} ms, {result.Ours.Throughput:N0} ops/s, {result.Ours.Errors} errors, peak RSS {result.PeakRssBytes / 1048576} MB");
        if (result.Note is not null)
        {
            Console.WriteLine($"  {result.Note}");
        }
    }
    // Steady state: the host idle for two seconds after the last scenario (background work settled).
    await Task.Delay(TimeSpan.FromSeconds(2));
    steady = host.CurrentRssBytes;
    peak = host.PeakRssBytes;
}

Report.Write(options, generation, results, peak, steady);
if (!options.KeepData && options.Provider == DatabaseProvider.Sqlite)
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
}
var failed = results.Where(r => r.Ours.Errors > 0).Select(r => r.Name).ToList();
if (failed.Count > 0)
{
    Console.Error.WriteLine($"Scenarios with errors: {string.Join(", ", failed)}");
    return 1;
}
return 0;

static async Task<Guid> AdminIdAsync(BulkWriter writer)
{
    await using var connection = writer.Open();
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = $"SELECT id FROM users WHERE normalized_email = '{BenchAdmin.Email.ToUpperInvariant()}'";
    return await command.ExecuteScalarAsync() switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        var other => throw new InvalidOperationException($"The bench admin was not created ({other}).")
    };
}
