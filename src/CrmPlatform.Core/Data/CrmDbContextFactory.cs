using System.Collections.Concurrent;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Core.Data;

/// <summary>
/// Creates contexts for whatever database the configuration names right now (the setup screen can change it
/// without a restart). Options are built once per provider and connection string.
/// </summary>
public sealed class CrmDbContextFactory(
    IOptionsMonitor<DatabaseOptions> options,
    IHostEnvironment environment,
    ModuleCatalog modules,
    ICurrentUser currentUser,
    TimeProvider clock) : IDbContextFactory<CrmDbContext>
{
    private readonly ConcurrentDictionary<(DatabaseProvider, string), DbContextOptions<CrmDbContext>> _options = new();

    public CrmDbContext CreateDbContext() => new(OptionsFor(options.CurrentValue), modules, currentUser, clock);

    public (DatabaseProvider Provider, string ConnectionString) Current
    {
        get
        {
            var value = options.CurrentValue;
            return (value.Provider, ResolveConnectionString(value));
        }
    }

    public DbContextOptions<CrmDbContext> OptionsFor(DatabaseOptions value)
    {
        var connectionString = ResolveConnectionString(value);
        return _options.GetOrAdd((value.Provider, connectionString), key => Build(key.Item1, key.Item2));
    }

    private string ResolveConnectionString(DatabaseOptions value)
    {
        if (!string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            return value.ConnectionString;
        }
        if (value.Provider == DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is PostgreSql.");
        }
        return value.SqliteDefault(environment.ContentRootPath);
    }

    public static DbContextOptions<CrmDbContext> Build(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<CrmDbContext>();
        if (provider == DatabaseProvider.PostgreSql)
        {
            builder.UseNpgsql(connectionString, o => o.MigrationsAssembly("CrmPlatform.Data.PostgreSql"));
        }
        else
        {
            var sqlite = new SqliteConnectionStringBuilder(connectionString);
            if (Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
            // A writer waits for the lock instead of failing at once; WAL is set by the connection interceptor.
            sqlite.DefaultTimeout = Math.Max(sqlite.DefaultTimeout, 30);
            builder.UseSqlite(sqlite.ToString(), o => o.MigrationsAssembly("CrmPlatform.Data.Sqlite"))
                .AddInterceptors(new SqlitePragmaInterceptor());
        }
        builder.UseSnakeCaseNamingConvention();
        return builder.Options;
    }
}
