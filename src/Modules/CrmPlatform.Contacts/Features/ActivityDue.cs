using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Background;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Contacts.Features;

public sealed class ActivityDueOptions
{
    public const string Section = "Contacts:ActivityDue";

    public int PollSeconds { get; set; } = 30;
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Raises <see cref="ActivityDue"/> for open activities whose time has come. Each batch is claimed by setting
/// <c>due_notified_at</c> and the events are written in the same transaction, so an activity is announced exactly once
/// per scheduled time even with several nodes (PostgreSQL skips rows another node holds; SQLite serialises writers).
/// </summary>
public sealed class ActivityDueScanner(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ActivityDueOptions> options)
{
    /// <summary>Announces one batch; returns how many activities fell due.</summary>
    public async Task<int> ScanAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        if (!await db.Database.CanConnectAsync(ct))
        {
            return 0;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = await ClaimAsync(db, now, ct);
        if (ids.Count == 0)
        {
            return 0;
        }
        var due = await db.Set<ContactActivity>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        foreach (var activity in due)
        {
            db.Raise(new ActivityDue(activity.Id, activity.ContactId, EnumNames.ToSnake(activity.Type), activity.Title, activity.ScheduledAt!.Value, activity.CreatedById));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }

    private async Task<List<Guid>> ClaimAsync(CrmDbContext db, DateTime now, CancellationToken ct)
    {
        var sql = $"""
            UPDATE contact_activities SET due_notified_at = @now
            WHERE id IN (SELECT a.id FROM contact_activities a JOIN contacts c ON c.id = a.contact_id
                         WHERE a.due_notified_at IS NULL AND NOT a.is_completed AND a.scheduled_at <= @now AND c.deleted_at IS NULL
                         ORDER BY a.scheduled_at LIMIT @limit {(db.IsPostgres ? "FOR UPDATE OF a SKIP LOCKED" : "")})
              AND due_notified_at IS NULL
            RETURNING id
            """;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        WorkQueue.AddParameter(command, "@now", now);
        WorkQueue.AddParameter(command, "@limit", options.Value.BatchSize);
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
}

/// <summary>Polls <see cref="ActivityDueScanner"/> while the site runs.</summary>
internal sealed class ActivityDueWorker(ActivityDueScanner scanner, IOptions<ActivityDueOptions> options, ILogger<ActivityDueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        // The first pass waits one interval, so start-up (migrations, setup) is done before the table is read.
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                while (await scanner.ScanAsync(stoppingToken) >= options.Value.BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Scanning for due activities failed; retrying later.");
            }
        }
    }
}
