using System.Collections.Concurrent;

namespace CrmPlatform.Core.Data;

/// <summary>
/// SQLite allows one writer at a time per database file. Without this gate, concurrent <c>SaveChanges</c> calls in one
/// process race for the write lock inside SQLite, whose busy handler polls with growing sleeps (up to 100 ms each) while
/// holding a thread-pool thread (Microsoft.Data.Sqlite is synchronous underneath). The gate queues them in-process
/// instead: waiting is asynchronous and the next writer starts the moment the previous one commits. Only saves that run
/// outside an explicit transaction take it (a caller holding a transaction already owns the lock or waits in SQLite as before).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(string connectionString) => Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
}
