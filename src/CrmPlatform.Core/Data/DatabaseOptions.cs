namespace CrmPlatform.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The <c>Database</c> configuration section. SQLite under <c>App_Data/</c> when nothing is said; the setup screen
/// may write <c>App_Data/database.json</c> to switch to PostgreSQL, which is read without a restart.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string; for SQLite the default is <c>Data Source=App_Data/crm.db</c>.</summary>
    public string? ConnectionString { get; set; }

    public string SqliteDefault(string contentRoot) =>
        $"Data Source={Path.Combine(contentRoot, "App_Data", "crm.db")}";
}
