using System.Data.Common;
using System.Text;
using CrmPlatform.Core.Operations;
using CrmPlatform.Core.Users;
using CrmPlatform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Tests.Kernel;

/// <summary>Backup, change everything, restore: every table reads back exactly as it was at backup time.</summary>
public abstract class BackupTests(CrmApp app) : IntegrationTest(app)
{
    [Fact]
    public async Task A_backup_restores_every_table_exactly()
    {
        await App.CreateUserAsync(UserRole.Partner);
        var file = Path.Combine(Path.GetTempPath(), "crm-tests", $"backup-{Guid.NewGuid():N}.bak");
        var backups = App.Services.GetRequiredService<BackupService>();
        var before = await SnapshotAsync();

        await backups.BackupAsync(file, Ct);
        await App.CreateUserAsync(UserRole.Lead);
        await App.WithDbAsync(db => db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.Company, "changed after backup"), Ct));
        Assert.NotEqual(before, await SnapshotAsync());

        await backups.RestoreAsync(file, Ct);

        Assert.Equal(before, await SnapshotAsync());
        File.Delete(file);
    }

    [Fact]
    public async Task Restoring_a_file_that_is_not_a_backup_fails_and_changes_nothing()
    {
        var file = Path.Combine(Path.GetTempPath(), "crm-tests", $"junk-{Guid.NewGuid():N}.bak");
        await File.WriteAllTextAsync(file, "not a backup", Ct);
        var before = await SnapshotAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => App.Services.GetRequiredService<BackupService>().RestoreAsync(file, Ct));

        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Every application table's rows, ordered, as text (the migrations history and lease columns included).</summary>
    private Task<string> SnapshotAsync() => App.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = db.IsPostgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }
        var text = new StringBuilder();
        foreach (var table in tables.Where(t => t is not "outbox_messages"))
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync(Ct);
            var rows = new List<string>();
            while (await reader.ReadAsync(Ct))
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
            rows.Sort(StringComparer.Ordinal);
            text.Append(table).Append(':').AppendJoin('\n', rows).Append('\n');
        }
        return text.ToString();
    });
}

public sealed class BackupTestsOnSqlite(SqliteApp app) : BackupTests(app), IClassFixture<SqliteApp>;

public sealed class BackupTestsOnPostgres(PostgresApp app) : BackupTests(app), IClassFixture<PostgresApp>;
