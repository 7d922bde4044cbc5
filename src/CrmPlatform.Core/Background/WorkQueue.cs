using System.Data.Common;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmPlatform.Core.Background;

/// <summary>
/// Claims rows of a work table with a lease, so several web nodes never take the same row and a node that
/// dies mid-batch leaves its rows to be taken again once the lease runs out. The table needs
/// <c>id</c>, <c>locked_until</c> and <c>locked_by</c> columns. PostgreSQL uses <c>FOR UPDATE SKIP LOCKED</c>;
/// SQLite serialises writers, so one UPDATE … RETURNING is already exclusive.
/// </summary>
public static class WorkQueue
{
    /// <summary>The name this process claims work under.</summary>
    public static readonly string NodeId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    /// <param name="readyCondition">SQL over the table's columns selecting rows ready for work; may use <c>@now</c>.</param>
    /// <param name="orderBy">SQL ordering of ready rows, e.g. <c>id</c>.</param>
    public static async Task<List<Guid>> ClaimAsync(CrmDbContext db, string table, string readyCondition, string orderBy, int batchSize, TimeSpan lease, DateTime now, CancellationToken ct)
    {
        var sql = db.IsPostgres
            ? $"""
               UPDATE {table} SET locked_until = @until, locked_by = @node
               WHERE id IN (SELECT id FROM {table}
                            WHERE ({readyCondition}) AND (locked_until IS NULL OR locked_until < @now)
                            ORDER BY {orderBy} LIMIT @limit FOR UPDATE SKIP LOCKED)
               RETURNING id
               """
            : $"""
               UPDATE {table} SET locked_until = @until, locked_by = @node
               WHERE id IN (SELECT id FROM {table}
                            WHERE ({readyCondition}) AND (locked_until IS NULL OR locked_until < @now)
                            ORDER BY {orderBy} LIMIT @limit)
               RETURNING id
               """;
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            AddParameter(command, "@until", now + lease);
            AddParameter(command, "@node", NodeId);
            AddParameter(command, "@now", now);
            AddParameter(command, "@limit", batchSize);
            var ids = new List<Guid>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetFieldValue<object>(0) switch
                {
                    Guid g => g,
                    string s => Guid.Parse(s),
                    var other => throw new InvalidOperationException($"Unexpected id type {other.GetType()}."),
                });
            }
            return ids;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    public static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
