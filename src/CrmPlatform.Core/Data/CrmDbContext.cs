using CrmPlatform.Core.Auditing;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Security;
using CrmPlatform.Core.Settings;
using CrmPlatform.Core.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Core.Data;

/// <summary>
/// The one context of the application, composed from the kernel's tables and every module's entity
/// configurations. It stamps timestamps, writes the audit log and the outbox in the same transaction.
/// </summary>
public sealed class CrmDbContext : IdentityUserContext<User, Guid>, IDataProtectionKeyContext
{
    private readonly ModuleCatalog _modules;
    private readonly ICurrentUser? _currentUser;
    private readonly TimeProvider _clock;
    private readonly List<OutboxMessage> _pendingEvents = [];
    private readonly List<(string Sql, object[] Parameters)> _pendingSql = [];

    public CrmDbContext(DbContextOptions<CrmDbContext> options, ModuleCatalog modules, ICurrentUser? currentUser = null, TimeProvider? clock = null)
        : base(options)
    {
        _modules = modules;
        _currentUser = currentUser;
        _clock = clock ?? TimeProvider.System;
    }

    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();
    public DbSet<FeatureState> Features => Set<FeatureState>();
    public DbSet<SiteSetting> SiteSettings => Set<SiteSetting>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>When set, saves made by this context are attributed to this user (background jobs, recipes).</summary>
    public Guid? ActingUserId { get; set; }

    /// <summary>Raised after a save that wrote domain events, so the dispatcher can wake at once.</summary>
    public static event Action? EventsWritten;

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Queues a domain event; it is written to the outbox by the next <c>SaveChanges</c>, atomically with the change.</summary>
    public void Raise(IDomainEvent domainEvent) => _pendingEvents.Add(OutboxMessage.From(domainEvent, _clock.GetUtcNow().UtcDateTime));

    /// <summary>
    /// Queues a SQL statement (EF raw-SQL syntax, <c>{0}</c> placeholders) that the next <c>SaveChanges</c> runs after its
    /// entity changes, in the same transaction: for set-based writes EF cannot express, such as incrementing counters.
    /// </summary>
    public void ExecuteOnSave(string sql, params object[] parameters) => _pendingSql.Add((sql, parameters));

    /// <summary>Forgets the tracked changes and the events raised since the last save (a unit of work that failed).</summary>
    public void DiscardChanges()
    {
        ChangeTracker.Clear();
        _pendingEvents.Clear();
        _pendingSql.Clear();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
        if (IsSqlite)
        {
            // SQLite has no decimal type: stored as TEXT it can be neither summed nor compared in SQL.
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
            configurationBuilder.Properties<decimal?>().HaveConversion<double?>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        CoreModel.Configure(builder);
        foreach (var module in _modules.Modules)
        {
            module.ConfigureModel(builder);
        }
        ModelConventions.Apply(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        StampTimestamps(now);
        // Keys are client-generated UUIDs, so audit rows and outbox rows join the same save (one transaction).
        AuditLog.AddRange(AuditWriter.Collect(ChangeTracker, ActingUserId ?? _currentUser?.Id, now));
        var wroteEvents = _pendingEvents.Count > 0;
        Outbox.AddRange(_pendingEvents);
        _pendingEvents.Clear();
        int count;
        // SQLite has one writer per file: saves outside an explicit transaction queue in-process (see SqliteWriteGate).
        var gate = IsSqlite && Database.CurrentTransaction is null
            ? SqliteWriteGate.For(Database.GetConnectionString() ?? "")
            : null;
        if (gate is null)
        {
            count = await SaveWithStatementsAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        else
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                count = await SaveWithStatementsAsync(acceptAllChangesOnSuccess, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }
        if (wroteEvents)
        {
            EventsWritten?.Invoke();
        }
        return count;
    }

    /// <summary>The entity changes, then the queued statements, in one transaction (the caller's, or one of its own).</summary>
    private async Task<int> SaveWithStatementsAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        if (_pendingSql.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var statements = _pendingSql.ToList();
        _pendingSql.Clear();
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        foreach (var (sql, parameters) in statements)
        {
            await Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }
        return count;
    }

    private void StampTimestamps(DateTime now)
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            var created = entry.Metadata.FindProperty("CreatedAt");
            var updated = entry.Metadata.FindProperty("UpdatedAt");
            if (entry.State == EntityState.Added && created is not null)
            {
                entry.Property(created.Name).CurrentValue = now;
            }
            else if (created is not null)
            {
                entry.Property(created.Name).IsModified = false;
            }
            if (updated is not null)
            {
                entry.Property(updated.Name).CurrentValue = now;
            }
        }
    }
}
