using System.Data.Common;
using System.Text.Json;
using CrmPlatform.Core.Auditing;
using CrmPlatform.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace CrmPlatform.Contacts.Features.Imports;

/// <summary>
/// Inserts many new rows of one mapped entity type inside the context's current transaction, without change tracking:
/// one prepared INSERT reused for every row on SQLite, binary COPY on PostgreSQL. Columns, value conversions and
/// parameter types come from the EF model, so the rows read back exactly as if EF had written them. Used by the CSV
/// import for the contacts of a batch and their audit and outbox rows (docs/decisions/0012-contact-search-trigram-indexes-and-bulk-import.md).
/// </summary>
internal static class BulkInsert
{
    public static async Task WriteAsync<T>(CrmDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var properties = entityType.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var columns = properties.Select(p => p.GetColumnName(table)!).ToList();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction.");
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, table.Name, columns, properties, rows, ct);
        }
        else
        {
            await InsertAsync((SqliteConnection)connection, (SqliteTransaction)transaction, table.Name, columns, properties, rows, ct);
        }
    }

    private static async Task InsertAsync<T>(SqliteConnection connection, SqliteTransaction transaction, string table, List<string> columns, List<IProperty> properties, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var parameters = new DbParameter[properties.Count];
        for (var i = 0; i < properties.Count; i++)
        {
            // The type mapping configures the parameter (e.g. a Guid bound as upper-case TEXT); values are set per row.
            parameters[i] = mappings[i].CreateParameter(command, "@p" + i, null, properties[i].IsNullable);
            command.Parameters.Add(parameters[i]);
        }
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Count; i++)
            {
                parameters[i].Value = ProviderValue(mappings[i], properties[i].GetGetter().GetClrValue(row)) ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, List<string> columns, List<IProperty> properties, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var types = mappings.Select(m => m.StoreTypeNameBase).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < properties.Count; i++)
            {
                var value = ProviderValue(mappings[i], properties[i].GetGetter().GetClrValue(row));
                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, types[i], ct);
                }
            }
        }
        await importer.CompleteAsync(ct);
    }

    private static object? ProviderValue(RelationalTypeMapping mapping, object? value) =>
        value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;

    /// <summary>
    /// The audit entry <see cref="CrmDbContext"/> writes when it inserts <paramref name="entity"/>: every mapped property
    /// with a value except timestamps and <see cref="AuditIgnoreAttribute"/> ones, as <c>{ "Field": { "new": value } }</c>.
    /// </summary>
    public static AuditEntry CreatedAudit<T>(CrmDbContext db, T entity, Guid entityId, Guid? userId, DateTime at) where T : class
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in db.Model.FindEntityType(typeof(T))!.GetProperties())
        {
            if (property.Name is "CreatedAt" or "UpdatedAt" or "ConcurrencyStamp"
                || property.PropertyInfo?.GetCustomAttributes(typeof(AuditIgnoreAttribute), true).Length > 0)
            {
                continue;
            }
            if (property.GetGetter().GetClrValue(entity) is { } value)
            {
                changes[property.Name] = new { @new = value };
            }
        }
        return new AuditEntry
        {
            At = at,
            UserId = userId,
            EntityType = typeof(T).Name,
            EntityId = entityId.ToString(),
            Action = "created",
            Changes = JsonSerializer.Serialize(changes),
        };
    }
}
