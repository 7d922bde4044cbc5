using System.Data.Common;
using System.Globalization;
using CrmPlatform.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmPlatform.Bench.Generation;

/// <summary>
/// The fastest honest way to load rows into each provider: on SQLite one prepared INSERT reused inside one
/// transaction; on PostgreSQL binary COPY. Values are written the way EF Core stores them (Guid as upper-case text
/// and DateTime as ISO text on SQLite; uuid and timestamptz on PostgreSQL).
/// </summary>
internal sealed class BulkWriter(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider => provider;

    public async Task<long> WriteAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct = default) =>
        provider == DatabaseProvider.PostgreSql
            ? await CopyAsync(table, columns, rows, ct)
            : await InsertAsync(table, columns, rows, ct);

    private async Task<long> InsertAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF;", ct);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
        command.Prepare();
        long count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = ToSqlite(row[i]);
            }
            await command.ExecuteNonQueryAsync(ct);
            count++;
        }
        await transaction.CommitAsync(ct);
        return count;
    }

    private static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? 1 : 0,
        decimal m => (double)m,
        _ => value,
    };

    private async Task<long> CopyAsync(string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct);
        // A million rows into a table with a dozen indexes outlasts the 30 s default on a busy machine.
        importer.Timeout = TimeSpan.FromHours(1);
        long count = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var value in row)
            {
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, ct);
                }
            }
            count++;
        }
        await importer.CompleteAsync(ct);
        return count;
    }

    public async Task ExecuteAsync(string sql, CancellationToken ct = default)
    {
        await using var connection = Open();
        await connection.OpenAsync(ct);
        await Exec(connection, sql, ct);
    }

    public async Task<T> ScalarAsync<T>(string sql, CancellationToken ct = default)
    {
        await using var connection = Open();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var result = await command.ExecuteScalarAsync(ct);
        return (T)Convert.ChangeType(result!, typeof(T), CultureInfo.InvariantCulture);
    }

    public DbConnection Open() => provider == DatabaseProvider.PostgreSql ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);

    private static async Task Exec(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        // Index builds after a bulk load take minutes at full scale, past the 30 s default.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }
}
