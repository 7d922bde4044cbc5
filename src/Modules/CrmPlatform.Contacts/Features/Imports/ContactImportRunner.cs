using System.Data.Common;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Auditing;
using CrmPlatform.Core.Events;
using CrmPlatform.Core.Background;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Storage;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Contacts.Features.Imports;

public sealed class ContactImportOptions
{
    public const string Section = "Contacts:Import";

    public int BatchSize { get; set; } = 1000;
    public int PollSeconds { get; set; } = 5;
    public int LeaseSeconds { get; set; } = 300;
}

/// <summary>
/// Runs queued imports. Each batch (<see cref="ContactImportOptions.BatchSize"/> records) is one transaction holding its
/// contacts, their ContactCreated/ContactUpdated events, its rejected rows and the job's progress: a batch is written
/// completely or not at all. Rows failing validation are rejected one by one and do not stop their batch; if the batch's
/// save itself fails (a concurrent writer took an email between check and save), the batch is rolled back and each of
/// its rows is reported rejected with that reason, and the import goes on with the next batch. A job resumes after its
/// last committed batch, so a node that dies mid-import loses nothing and writes nothing twice.
/// </summary>
public sealed class ContactImportRunner(IServiceScopeFactory scopes, IFileStore files, IOptions<ContactImportOptions> options, TimeProvider clock, ILogger<ContactImportRunner> logger)
{
    /// <summary>Claims and runs ready jobs one by one; returns how many ran.</summary>
    public async Task<int> RunPendingAsync(CancellationToken ct)
    {
        var ran = 0;
        while (await ClaimAsync(ct) is { } jobId)
        {
            await RunAsync(jobId, ct);
            ran++;
        }
        return ran;
    }

    private async Task<Guid?> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var ids = await WorkQueue.ClaimAsync(db, "contact_import_jobs", "status IN ('queued', 'running')", "created_at", 1,
            TimeSpan.FromSeconds(options.Value.LeaseSeconds), clock.GetUtcNow().UtcDateTime, ct);
        return ids.Count == 0 ? null : ids[0];
    }

    private async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var rows = scope.ServiceProvider.GetRequiredService<ImportRows>();
        var job = await db.Set<ContactImportJob>().FirstAsync(j => j.Id == jobId, ct);
        await using var cache = await SqlitePageCache.WidenAsync(db, ct);
        try
        {
            db.ActingUserId = job.CreatedById;
            job.Status = ImportStatus.Running;
            await db.SaveChangesAsync(ct);
            await using var stream = await files.OpenReadAsync(job.FileKey, ct) ?? throw new FileNotFoundException("The uploaded file is no longer in storage.");
            await using var csv = CsvFiles.Open(stream, job.Delimiter);
            await csv.ReadHeaderAsync(ct);
            var mapping = ImportJobs.MappingOf(job);
            for (var skipped = 0; skipped < job.ProcessedRows && await csv.ReadAsync(ct); skipped++)
            {
            }
            while (true)
            {
                var batch = await ReadBatchAsync(csv, options.Value.BatchSize, ct);
                if (batch.Count == 0)
                {
                    break;
                }
                job = await RunBatchAsync(db, rows, jobId, mapping, batch, ct);
            }
            job.Status = ImportStatus.Completed;
            job.CompletedAt = clock.GetUtcNow().UtcDateTime;
            job.LockedUntil = null;
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Contact import {JobId} failed.", jobId);
            db.ChangeTracker.Clear();
            await db.Set<ContactImportJob>().Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, ImportStatus.Failed).SetProperty(j => j.Error, ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message)
                .SetProperty(j => j.LockedUntil, (DateTime?)null), ct);
        }
    }

    private static async Task<List<CsvRecord>> ReadBatchAsync(CsvReader csv, int size, CancellationToken ct)
    {
        var batch = new List<CsvRecord>(size);
        while (batch.Count < size && await csv.ReadAsync(ct))
        {
            batch.Add(CsvRecord.From(csv));
        }
        return batch;
    }

    private async Task<ContactImportJob> RunBatchAsync(CrmDbContext db, ImportRows rows, Guid jobId, IReadOnlyDictionary<string, string> mapping, List<CsvRecord> batch, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var job = await db.Set<ContactImportJob>().FirstAsync(j => j.Id == jobId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await rows.LoadAsync(ct);
            var inputs = batch.Select(r => r.ToInput(mapping, rows.Categories)).ToList();
            await rows.BeginAsync(inputs, ct);
            var created = new List<Contact>();
            for (var i = 0; i < batch.Count; i++)
            {
                var (input, errors) = inputs[i];
                var decision = await rows.DecideAsync(input, errors, job.Policy, job.CreatedById, ct);
                Record(db, job, batch[i], decision, created);
            }
            await WriteCreatedAsync(db, created, job.CreatedById, ct);
            job.ProcessedRows += batch.Count;
            job.LockedUntil = clock.GetUtcNow().UtcDateTime.AddSeconds(options.Value.LeaseSeconds);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return job;
        }
        catch (Exception ex) when (ex is DbUpdateException or DbException)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            job = await db.Set<ContactImportJob>().FirstAsync(j => j.Id == jobId, ct);
            var reason = $"The batch of lines {batch[0].Line}–{batch[^1].Line} could not be saved ({(ex as DbUpdateException)?.InnerException?.Message ?? ex.Message}); none of its rows were written. Run the file again to retry them.";
            foreach (var record in batch)
            {
                Record(db, job, record, new RowDecision(RowOutcome.Reject, null, reason, []), []);
            }
            job.ProcessedRows += batch.Count;
            await db.SaveChangesAsync(ct);
            return job;
        }
    }

    /// <summary>
    /// Writes the batch's new contacts with their audit entries and ContactCreated outbox events as bulk inserts in the
    /// batch's transaction — the same rows <see cref="CrmDbContext.SaveChangesAsync(bool, CancellationToken)"/> would
    /// write, without tracking thousands of entities and one INSERT statement each.
    /// </summary>
    private async Task WriteCreatedAsync(CrmDbContext db, List<Contact> created, Guid? userId, CancellationToken ct)
    {
        if (created.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var audit = new List<AuditEntry>(created.Count);
        var events = new List<OutboxMessage>(created.Count);
        foreach (var c in created)
        {
            c.CreatedAt = now;
            c.UpdatedAt = now;
            audit.Add(BulkInsert.CreatedAudit(db, c, c.Id, db.ActingUserId ?? userId, now));
            events.Add(OutboxMessage.From(new ContactCreated(c.Id, c.Name, c.EmailId, c.ContactNo, EnumNames.ToSnake(c.Type), c.Company, c.CategoryId, c.CreatedById), now));
        }
        await BulkInsert.WriteAsync(db, created, ct);
        await BulkInsert.WriteAsync(db, audit, ct);
        await BulkInsert.WriteAsync(db, events, ct);
    }

    private static void Record(CrmDbContext db, ContactImportJob job, CsvRecord record, RowDecision decision, List<Contact> created)
    {
        switch (decision.Outcome)
        {
            case RowOutcome.Create:
                created.Add(decision.Contact!);
                job.CreatedCount++;
                break;
            case RowOutcome.Update:
                var u = decision.Contact!;
                db.Raise(new ContactUpdated(u.Id, u.Name, u.EmailId, decision.ChangedFields, job.CreatedById));
                job.UpdatedCount++;
                break;
            case RowOutcome.Skip:
                job.SkippedCount++;
                break;
            default:
                db.Add(new ContactImportRejection { JobId = job.Id, LineNumber = record.Line, Reason = Truncate(decision.Reason ?? "Rejected.", 2000), RawRecord = Truncate(record.Raw, 8000) });
                job.RejectedCount++;
                break;
        }
    }

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;
}

/// <summary>
/// On SQLite, keeps an import's connection open with a 64 MB page cache instead of the default 2 MB: each batch inserts
/// into a dozen indexes of a table that may hold a million rows, and with the default cache even their inner pages are
/// read again for every row. The previous size is restored before the connection goes back to the pool.
/// </summary>
internal sealed class SqlitePageCache : IAsyncDisposable
{
    private const string WidePragma = "PRAGMA cache_size = -65536";
    private readonly CrmDbContext _db;
    private readonly long _previous;

    private SqlitePageCache(CrmDbContext db, long previous)
    {
        _db = db;
        _previous = previous;
    }

    public static async Task<SqlitePageCache?> WidenAsync(CrmDbContext db, CancellationToken ct)
    {
        if (!db.IsSqlite)
        {
            return null;
        }
        await db.Database.OpenConnectionAsync(ct);
        var previous = await db.Database.SqlQueryRaw<long>("SELECT cache_size AS \"Value\" FROM pragma_cache_size()").SingleAsync(ct);
        await db.Database.ExecuteSqlRawAsync(WidePragma, ct);
        return new SqlitePageCache(db, previous);
    }

    public async ValueTask DisposeAsync()
    {
        // PRAGMA takes no parameters; the value is the integer read above.
        await using (var command = _db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = "PRAGMA cache_size = " + _previous.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await command.ExecuteNonQueryAsync();
        }
        await _db.Database.CloseConnectionAsync();
    }
}
