using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Marketing.Data;
using CrmPlatform.Marketing.Sending;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Features;

/// <summary>
/// Moves campaigns through their life: send (now, or schedule for later), pause, resume, cancel, retry failed messages,
/// start due scheduled campaigns and complete finished ones. Starting creates the message rows with one set-based
/// INSERT … SELECT in the same transaction as the status change, so a campaign is running with all its recipients or
/// still a draft with none.
/// </summary>
public sealed class CampaignLauncher(CrmDbContext db, CampaignQueries queries, SenderSignal signal, TimeProvider clock)
{
    public const string NoRecipientsMessage = "The category has no contact that can receive this campaign (active, not unsubscribed, with a usable address for the channel).";

    /// <summary>Starts the campaign now, or schedules it when its scheduled time is in the future.</summary>
    public async Task<Result<CampaignDto>> SendAsync(Guid id, CancellationToken ct)
    {
        var campaign = await db.Set<MarketingCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return Result<CampaignDto>.NotFound();
        }
        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Scheduled))
        {
            return Result<CampaignDto>.Conflict("Status", $"The campaign is {EnumNames.ToSnake(campaign.Status)}: only a draft or scheduled campaign can be sent.");
        }
        var errors = CampaignTemplates.Validate(campaign.Subject, campaign.Content);
        if (errors.Count > 0)
        {
            return Result<CampaignDto>.Invalid(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (campaign.ScheduledAt is { } at && at > now)
        {
            if (await CountRecipientsAsync(campaign, ct) == 0)
            {
                return Result<CampaignDto>.Invalid(nameof(CampaignInput.CategoryId), NoRecipientsMessage);
            }
            await db.Set<MarketingCampaign>().Where(c => c.Id == id && c.Status == CampaignStatus.Draft)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Scheduled).SetProperty(c => c.UpdatedAt, now), ct);
            return Result<CampaignDto>.Ok((await queries.GetAsync(id, ct))!);
        }
        var started = await StartAsync(id, ct);
        return started.Succeeded ? Result<CampaignDto>.Ok((await queries.GetAsync(id, ct))!) : Result<CampaignDto>.Invalid(started.Errors);
    }

    /// <summary>Draft/scheduled → running with one message row per recipient; refused when there is no recipient.</summary>
    public async Task<Result<int>> StartAsync(Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The status change comes first: it locks the campaign row, so of two nodes starting the same campaign only
            // one inserts rows (the other sees it running and stops).
            var won = await db.Set<MarketingCampaign>().Where(c => c.Id == id && (c.Status == CampaignStatus.Draft || c.Status == CampaignStatus.Scheduled))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Running).SetProperty(c => c.SentAt, now).SetProperty(c => c.UpdatedAt, now), ct);
            if (won == 0)
            {
                return Result<int>.Conflict("Status", "The campaign has already started.");
            }
            var campaign = await db.Set<MarketingCampaign>().AsNoTracking().FirstAsync(c => c.Id == id, ct);
            var inserted = await Recipients.InsertAsync(db, campaign, now, ct);
            if (inserted == 0)
            {
                await tx.RollbackAsync(ct);
                return Result<int>.Invalid(nameof(CampaignInput.CategoryId), NoRecipientsMessage);
            }
            await db.Set<MarketingCampaign>().Where(c => c.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.TotalRecipients, c => c.TotalRecipients + inserted), ct);
            await tx.CommitAsync(ct);
            signal.Wake();
            return Result<int>.Ok(inserted);
        });
    }

    public Task<int> CountRecipientsAsync(MarketingCampaign campaign, CancellationToken ct) => Recipients.CountAsync(db, campaign, ct);

    public Task<Result<CampaignDto>> PauseAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, c => c.Status == CampaignStatus.Running && c.PausedAt == null, "Only a running campaign that is not paused can be paused.",
            q => q.ExecuteUpdateAsync(s => s.SetProperty(c => c.PausedAt, clock.GetUtcNow().UtcDateTime), ct), ct);

    public Task<Result<CampaignDto>> ResumeAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, c => c.Status == CampaignStatus.Running && c.PausedAt != null, "Only a paused campaign can be resumed.",
            q => q.ExecuteUpdateAsync(s => s.SetProperty(c => c.PausedAt, (DateTime?)null), ct), ct);

    /// <summary>Stops a scheduled or running campaign for good; messages not yet sent stay pending and are never sent.</summary>
    public Task<Result<CampaignDto>> CancelAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, c => c.Status == CampaignStatus.Running || c.Status == CampaignStatus.Scheduled, "Only a scheduled or running campaign can be cancelled.",
            q => q.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Cancelled).SetProperty(c => c.PausedAt, (DateTime?)null), ct), ct);

    /// <summary>Failed messages go back to the queue with fresh attempts; a completed campaign runs again until they are done.</summary>
    public async Task<Result<int>> RetryFailedAsync(Guid id, CancellationToken ct)
    {
        var campaign = await db.Set<MarketingCampaign>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return Result<int>.NotFound();
        }
        if (campaign.Status is not (CampaignStatus.Running or CampaignStatus.Completed))
        {
            return Result<int>.Conflict("Status", "Failed messages can be retried only in a running or completed campaign.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var count = await db.Set<MarketingMessage>().Where(m => m.CampaignId == id && m.Status == MessageStatus.Failed && m.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Pending).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now).SetProperty(m => m.UpdatedAt, now), ct);
        if (count > 0)
        {
            await db.Set<MarketingCampaign>().Where(c => c.Id == id && c.Status == CampaignStatus.Completed)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Running), ct);
        }
        await tx.CommitAsync(ct);
        signal.Wake();
        return Result<int>.Ok(count);
    }

    /// <summary>Starts every scheduled campaign whose time has come (called by the sender's supervisor).</summary>
    public async Task StartDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<MarketingCampaign>().AsNoTracking().Where(c => c.Status == CampaignStatus.Scheduled && c.ScheduledAt <= now).Select(c => c.Id).Take(20).ToListAsync(ct);
        foreach (var id in due)
        {
            var result = await StartAsync(id, ct);
            if (!result.Succeeded && result.Kind == ResultKind.Invalid)
            {
                // Nobody left to send to at the scheduled time: the campaign ends without messages rather than retrying forever.
                await db.Set<MarketingCampaign>().Where(c => c.Id == id && c.Status == CampaignStatus.Scheduled)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Completed).SetProperty(c => c.SentAt, now), ct);
            }
        }
    }

    /// <summary>Running campaigns with no pending message become completed, raising <see cref="CampaignCompleted"/> once.</summary>
    public async Task CompleteFinishedAsync(CancellationToken ct)
    {
        var running = await db.Set<MarketingCampaign>().AsNoTracking().Where(c => c.Status == CampaignStatus.Running && c.PausedAt == null)
            .Where(c => !db.Set<MarketingMessage>().Any(m => m.CampaignId == c.Id && m.Status == MessageStatus.Pending))
            .Select(c => c.Id).Take(20).ToListAsync(ct);
        foreach (var id in running)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.Set<MarketingCampaign>()
                .Where(c => c.Id == id && c.Status == CampaignStatus.Running && !db.Set<MarketingMessage>().Any(m => m.CampaignId == c.Id && m.Status == MessageStatus.Pending))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CampaignStatus.Completed), ct);
            if (changed == 1)
            {
                var c = await db.Set<MarketingCampaign>().AsNoTracking().FirstAsync(x => x.Id == id, ct);
                var failed = await db.Set<MarketingMessage>().CountAsync(m => m.CampaignId == id && m.Status == MessageStatus.Failed, ct);
                db.Raise(new CampaignCompleted(id, c.Name, EnumNames.ToSnake(c.Type), c.TotalRecipients, c.SentCount, failed));
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
    }

    private async Task<Result<CampaignDto>> ChangeAsync(Guid id, System.Linq.Expressions.Expression<Func<MarketingCampaign, bool>> allowed, string refusal,
        Func<IQueryable<MarketingCampaign>, Task<int>> change, CancellationToken ct)
    {
        if (!await db.Set<MarketingCampaign>().AnyAsync(c => c.Id == id, ct))
        {
            return Result<CampaignDto>.NotFound();
        }
        if (await change(db.Set<MarketingCampaign>().Where(c => c.Id == id).Where(allowed)) == 0)
        {
            return Result<CampaignDto>.Conflict("Status", refusal);
        }
        signal.Wake();
        return Result<CampaignDto>.Ok((await queries.GetAsync(id, ct))!);
    }
}
