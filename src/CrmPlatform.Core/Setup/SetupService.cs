using System.Text.Json;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Recipes;
using CrmPlatform.Core.Recipes.Steps;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Settings;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmPlatform.Core.Setup;

/// <summary>
/// First-run setup: migrate the chosen database, create the administrator, run the chosen recipe and mark the site
/// as set up, all or nothing. Also answers whether setup has happened.
/// </summary>
public sealed class SetupService(
    IServiceScopeFactory scopes,
    CrmDbContextFactory contexts,
    RecipeStore recipes,
    IHostEnvironment environment,
    ILogger<SetupService> logger) : IDisposable
{
    public const string SetupKey = "Setup";
    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };
    private volatile bool _isSetUp;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public void Dispose() => _lock.Dispose();

    public async Task<bool> IsSetUpAsync(CancellationToken ct = default)
    {
        if (_isSetUp)
        {
            return true;
        }
        try
        {
            await using var db = contexts.CreateDbContext();
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                return false;
            }
            _isSetUp = await db.SiteSettings.AnyAsync(s => s.Key == SetupKey, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogDebug(ex, "Database not reachable while checking setup state.");
            return false;
        }
        return _isSetUp;
    }

    /// <summary>Applies pending migrations to the configured database (safe to call from several nodes: see <see cref="ExclusiveAsync{T}"/>).</summary>
    public Task MigrateAsync(CancellationToken ct = default) =>
        ExclusiveAsync(async () =>
        {
            await MigrateUnlockedAsync(ct);
            return true;
        }, ct);

    private async Task MigrateUnlockedAsync(CancellationToken ct)
    {
        await using var db = contexts.CreateDbContext();
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>
    /// The key of the PostgreSQL advisory lock that serialises migration and setup between web nodes starting at once
    /// on one database (the ASCII of "crm-setu").
    /// </summary>
    public const long SetupLockKey = 0x63726d2d73657475;

    /// <summary>
    /// Runs <paramref name="work"/> while holding a database-wide lock, so that several nodes starting together on an
    /// empty PostgreSQL database migrate it and run setup one after the other (the second then finds the site set up).
    /// The lock is a session advisory lock held on a connection of its own and released when the work ends (or the
    /// connection dies with its node). SQLite serves one node, so the in-process lock is enough there.
    /// </summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> work, CancellationToken ct = default)
    {
        await using var db = contexts.CreateDbContext();
        if (!db.IsPostgres)
        {
            return await work();
        }
        try
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        catch (System.Data.Common.DbException ex)
        {
            // The database does not exist yet (migrating creates it) or is unreachable (the work reports that itself).
            logger.LogDebug(ex, "Could not take the setup lock; continuing without it.");
            return await work();
        }
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SetupLockKey})", ct);
        try
        {
            return await work();
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SetupLockKey})", CancellationToken.None);
        }
    }

    public async Task<Result<Guid>> SetupAsync(SetupRequest request, CancellationToken ct = default)
    {
        var errors = RequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return Result<Guid>.Invalid(errors);
        }
        var recipe = recipes.Find(request.Recipe);
        if (recipe is null)
        {
            return Result<Guid>.Invalid(nameof(request.Recipe), $"There is no recipe named '{request.Recipe}'.");
        }
        await _lock.WaitAsync(ct);
        try
        {
            if (await IsSetUpAsync(ct))
            {
                return Result<Guid>.Conflict("", "The site is already set up.");
            }
            if (request.DatabaseProvider == DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(request.ConnectionString))
            {
                var probe = await ProbeAsync(request.DatabaseProvider, request.ConnectionString, ct);
                if (probe is not null)
                {
                    return Result<Guid>.Invalid(nameof(request.ConnectionString), probe);
                }
                await WriteDatabaseSettingsAsync(request.DatabaseProvider, request.ConnectionString, ct);
            }
            return await ExclusiveAsync(async () =>
            {
                // Another node may have set the site up while this one waited for the lock.
                if (await IsSetUpAsync(ct))
                {
                    return Result<Guid>.Conflict("", "The site is already set up.");
                }
                await MigrateUnlockedAsync(ct);
                return await RunAsync(request, recipe, ct);
            }, ct);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<Result<Guid>> RunAsync(SetupRequest request, Recipe recipe, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CrmDbContext>();
        var users = services.GetRequiredService<UserManager<User>>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var admin = new User
        {
            Email = request.AdminEmail.Trim().ToLowerInvariant(),
            UserName = request.AdminEmail.Trim().ToLowerInvariant(),
            FirstName = request.AdminFirstName.Trim(),
            LastName = request.AdminLastName.Trim(),
            Role = UserRole.Admin,
            EmailConfirmed = true,
        };
        var created = await users.CreateAsync(admin, request.AdminPassword);
        if (!created.Succeeded)
        {
            return Result<Guid>.Invalid(nameof(request.AdminPassword), string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        db.ActingUserId = admin.Id;
        await DefaultGrants.ApplyAsync(db, services.GetRequiredService<PermissionRegistry>(), ct);
        var settings = services.GetRequiredService<SiteSettingsService>();
        try
        {
            await services.GetRequiredService<RecipeExecutor>().ExecuteAsync(recipe, admin.Id, ct);
        }
        catch (RecipeException ex)
        {
            return Result<Guid>.Invalid(nameof(request.Recipe), string.Join(" ", ex.Errors));
        }
        // The recipe may bring general settings; the name typed on the setup screen wins.
        var general = await settings.GetAsync<GeneralSettings>(db, GeneralSettings.Key, ct);
        general.SiteName = request.SiteName.Trim();
        await settings.SetAsync(db, GeneralSettings.Key, general, ct);
        await settings.SetAsync(db, SetupKey, new { completedAt = DateTime.UtcNow, recipe = recipe.Name }, ct);
        await transaction.CommitAsync(ct);
        services.GetRequiredService<IFeatureManager>().Invalidate();
        services.GetRequiredService<PermissionService>().Invalidate();
        _isSetUp = true;
        logger.LogInformation("Site set up with recipe {Recipe}; administrator {Email}.", recipe.Name, admin.Email);
        return Result<Guid>.Ok(admin.Id);
    }

    /// <summary>Checks that a database can be reached; returns a message for the user, or null if it can.</summary>
    public static async Task<string?> ProbeAsync(DatabaseProvider provider, string? connectionString, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }
        try
        {
            await using var db = new CrmDbContext(CrmDbContextFactory.Build(provider, connectionString!), new Modules.ModuleCatalog([]));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await db.Database.OpenConnectionAsync(timeout.Token);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return $"Could not connect to the database: {ex.GetBaseException().Message}";
        }
    }

    private async Task WriteDatabaseSettingsAsync(DatabaseProvider provider, string? connectionString, CancellationToken ct)
    {
        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        var json = JsonSerializer.Serialize(new { Database = new { Provider = provider.ToString(), ConnectionString = connectionString } }, IndentedJson);
        await File.WriteAllTextAsync(Path.Combine(folder, "database.json"), json, ct);
        // The configuration file provider reloads on change; wait until the factory sees the new database.
        for (var i = 0; i < 50 && contexts.Current.Provider != provider; i++)
        {
            await Task.Delay(100, ct);
        }
    }
}
