using System.Diagnostics;
using CrmPlatform.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrmPlatform.Core.Operations;

/// <summary>
/// Backs up and restores the configured database. SQLite uses the online backup API (consistent while the site runs,
/// and a restore writes into the live file through the same API); PostgreSQL uses pg_dump / pg_restore (custom format),
/// which must be on the PATH in a version not older than the server.
/// </summary>
public sealed class BackupService(CrmDbContextFactory contexts)
{
    public async Task BackupAsync(string file, CancellationToken ct = default)
    {
        var (provider, connectionString) = contexts.Current;
        var target = Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (provider == DatabaseProvider.Sqlite)
        {
            File.Delete(target);
            await using var source = new SqliteConnection(connectionString);
            await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
            await source.OpenAsync(ct);
            await destination.OpenAsync(ct);
            source.BackupDatabase(destination);
            return;
        }
        await RunAsync("pg_dump", $"--format=custom --no-owner --file \"{target}\"", connectionString, ct);
    }

    public async Task RestoreAsync(string file, CancellationToken ct = default)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"There is no backup at {source}.", source);
        }
        var (provider, connectionString) = contexts.Current;
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await using var live = new SqliteConnection(connectionString);
            await backup.OpenAsync(ct);
            await using (var check = backup.CreateCommand())
            {
                check.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'";
                if (Convert.ToInt64(await check.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    throw new InvalidOperationException($"{source} is not a CrmPlatform SQLite backup.");
                }
            }
            await live.OpenAsync(ct);
            backup.BackupDatabase(live);
            SqliteConnection.ClearAllPools();
            return;
        }
        await RunAsync("pg_restore", $"--clean --if-exists --no-owner --single-transaction --exit-on-error \"{source}\"", connectionString, ct, database: true);
        NpgsqlConnection.ClearAllPools();
    }

    private static async Task RunAsync(string tool, string arguments, string connectionString, CancellationToken ct, bool database = false)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo(tool, $"--host \"{cs.Host}\" --port {cs.Port} --username \"{cs.Username}\" {(database ? "--dbname" : "")} \"{cs.Database}\" {arguments}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        info.Environment["PGPASSWORD"] = cs.Password ?? "";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} could not be started; is the PostgreSQL client installed?");
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {(await errors).Trim()}");
        }
    }
}
