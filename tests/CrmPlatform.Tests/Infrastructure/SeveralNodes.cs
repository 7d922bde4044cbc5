using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CrmPlatform.Core.Data;
using CrmPlatform.Tests.Contacts;
using CrmPlatform.Tests.Workflows;
using Npgsql;

namespace CrmPlatform.Tests.Infrastructure;

/// <summary>
/// Two host processes (<see cref="A"/> and <see cref="B"/>) on loopback ports against one fresh PostgreSQL database,
/// started at the same moment on the empty database (so migration and setup race as they would in a deployment), with
/// short leases so that take-over after a kill happens in seconds. Shared by the several-node tests of a class; a test
/// that kills a node starts an extra one with <see cref="StartNodeAsync"/> and leaves A and B running.
/// </summary>
public sealed class SeveralNodes : IAsyncLifetime
{
    /// <summary>Lease on claimed outbox rows and running workflow instances (seconds): how soon a dead node's work moves.</summary>
    public const int LeaseSeconds = 4;

    private readonly List<ExternalHost> _extra = [];
    private ExternalDatabase? _database;
    private ExternalHost? _a;
    private ExternalHost? _b;
    private string? _token;

    public ExternalDatabase Database => _database ?? throw NotStarted();

    public ExternalHost A => _a ?? throw NotStarted();

    public ExternalHost B => _b ?? throw NotStarted();

    public IReadOnlyList<ExternalHost> Nodes => [A, B];

    /// <summary>An API token of the administrator, valid on every node.</summary>
    public string Token => _token ?? throw NotStarted();

    /// <summary>Configuration every node gets: short leases and polls, and the workflow Log task's lines in the output.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Workers__OutboxLeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Workers__WorkflowLeaseSeconds"] = LeaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Contacts__ActivityDue__PollSeconds"] = "1",
        ["Logging__LogLevel__CrmPlatform.Workflows.Activities.LogTask"] = "Information",
    };

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrEmpty(PostgresApp.ServerConnectionString) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return; // every test skips through PostgresApp.RequirePostgres()
        }
        _database = await ExternalDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        // Both at once on the empty database: migration and unattended setup must serialise between them.
        var starting = new[] { StartAsync(), StartAsync() };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            _a = starting[0].IsCompletedSuccessfully ? starting[0].Result : null;
            _b = starting[1].IsCompletedSuccessfully ? starting[1].Result : null;
        }
        _token = await _database.CreateTokenAsync(CrmApp.AdminEmail);
    }

    private Task<ExternalHost> StartAsync() => ExternalHost.StartAsync(Database, new Dictionary<string, string>(Settings)
    {
        // The test server's 100 connections are shared by parallel suites: each node keeps a small pool that lets idle
        // connections go within seconds.
        ["Database__ConnectionString"] = SmallPool(Database.ConnectionString),
    });

    /// <summary>The connection string with a pool small enough for several nodes and suites on one test server.</summary>
    public static string SmallPool(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20, ConnectionIdleLifetime = 5, ConnectionPruningInterval = 1 }.ToString();

    /// <summary>A further node on the same database (disposed with the fixture).</summary>
    public async Task<ExternalHost> StartNodeAsync()
    {
        var node = await StartAsync();
        _extra.Add(node);
        return node;
    }

    public HttpClient Api(ExternalHost node) => node.CreateClient(Token);

    /// <summary>Runs a scalar query on the shared database.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var result = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(result!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query on the shared database and returns its rows as arrays of column values.</summary>
    public async Task<List<object?[]>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Polls <paramref name="condition"/> every 250 ms until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting until {what}.");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>Saves and enables a workflow through the API of <paramref name="node"/>; returns its id.</summary>
    internal async Task<Guid> CreateWorkflowAsync(ExternalHost node, WorkflowBuilder workflow)
    {
        using var api = Api(node);
        var response = await api.PostAsJsonAsync("api/v1/workflows", workflow.Build(), ContactData.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Creating the workflow answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Creates <paramref name="count"/> contacts, spreading the requests over <paramref name="nodes"/> (eight at a time).</summary>
    public async Task<List<Guid>> CreateContactsAsync(int count, IReadOnlyList<ExternalHost> nodes)
    {
        var clients = nodes.Select(Api).ToList();
        try
        {
            var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                var response = await clients[i % clients.Count].PostAsJsonAsync("api/v1/contacts", ContactData.Body(name: $"Node contact {i}"), ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                Assert.True(response.IsSuccessStatusCode, $"Creating a contact answered {(int)response.StatusCode}: {text}");
                ids.Add(JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid());
            });
            return [.. ids];
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>How many times the workflow Log task wrote <paramref name="marker"/> in the nodes' output.</summary>
    public static int LogLines(ExternalHost node, string marker) =>
        node.Output.Split('\n').Count(line => line.Contains(marker, StringComparison.Ordinal));

    private static InvalidOperationException NotStarted() => new("The nodes did not start (PostgreSQL missing?).");

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _extra)
        {
            await node.DisposeAsync();
        }
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
