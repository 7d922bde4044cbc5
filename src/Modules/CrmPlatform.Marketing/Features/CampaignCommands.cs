using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using CrmPlatform.Marketing.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Marketing.Features;

/// <summary>Create, edit, delete (soft) and restore campaigns. Only draft and scheduled campaigns can be edited or deleted.</summary>
public sealed class CampaignCommands(CrmDbContext db, CampaignQueries queries, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<CampaignDto>> CreateAsync(CampaignInput input, CancellationToken ct)
    {
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0)
        {
            return Result<CampaignDto>.Invalid(errors);
        }
        var campaign = new MarketingCampaign { CreatedById = user.Id };
        input.ApplyTo(campaign);
        db.Add(campaign);
        await db.SaveChangesAsync(ct);
        return Result<CampaignDto>.Ok((await queries.GetAsync(campaign.Id, ct))!);
    }

    public async Task<Result<CampaignDto>> UpdateAsync(Guid id, CampaignInput input, CancellationToken ct)
    {
        var campaign = await db.Set<MarketingCampaign>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return Result<CampaignDto>.NotFound();
        }
        if (!campaign.IsEditable)
        {
            return Result<CampaignDto>.Conflict("Status", "Only draft and scheduled campaigns can be edited: this one has started.");
        }
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0)
        {
            return Result<CampaignDto>.Invalid(errors);
        }
        input.ApplyTo(campaign);
        if (campaign.Status == CampaignStatus.Scheduled && campaign.ScheduledAt is null)
        {
            campaign.Status = CampaignStatus.Draft;
        }
        await db.SaveChangesAsync(ct);
        return Result<CampaignDto>.Ok((await queries.GetAsync(id, ct))!);
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var campaign = await db.Set<MarketingCampaign>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (campaign is null)
        {
            return Result<bool>.NotFound();
        }
        if (campaign.Status == CampaignStatus.Running)
        {
            return Result<bool>.Conflict("Status", "A running campaign cannot be deleted: cancel it first.");
        }
        campaign.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    public async Task<bool> RestoreAsync(Guid id, CancellationToken ct)
    {
        var campaign = await db.Set<MarketingCampaign>().IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt != null, ct);
        if (campaign is null)
        {
            return false;
        }
        campaign.DeletedAt = null;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(CampaignInput input, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(input);
        if (input.CategoryId is { } categoryId && !errors.ContainsKey(nameof(CampaignInput.CategoryId)))
        {
            var category = await db.Set<ContactCategory>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == categoryId, ct);
            if (category is null)
            {
                errors[nameof(CampaignInput.CategoryId)] = ["That category does not exist."];
            }
            else if (!category.IsActive)
            {
                errors[nameof(CampaignInput.CategoryId)] = ["That category is inactive: its contacts receive no campaigns."];
            }
        }
        if (input.ScheduledAt is { } at && DateTime.SpecifyKind(at, DateTimeKind.Utc) <= clock.GetUtcNow().UtcDateTime)
        {
            errors[nameof(CampaignInput.ScheduledAt)] = ["The scheduled time must be in the future."];
        }
        return errors;
    }
}
