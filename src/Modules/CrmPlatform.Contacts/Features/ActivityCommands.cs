using System.ComponentModel.DataAnnotations;
using CrmPlatform.Contacts.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Settings;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Contacts.Features;

public sealed class ActivityInput
{
    [Required(ErrorMessage = "Choose the kind of activity.")]
    public ActivityType? Type { get; set; }

    [Required(ErrorMessage = "Enter a title."), StringLength(ContactActivity.TitleMaxLength)]
    public string? Title { get; set; }

    [StringLength(ContactActivity.DescriptionMaxLength)]
    public string? Description { get; set; }

    /// <summary>UTC when it carries a zone; a time without one is read in the site's time zone (the form's local time).</summary>
    public DateTime? ScheduledAt { get; set; }

    public bool IsCompleted { get; set; }
}

public sealed record ActivityDto(Guid Id, Guid ContactId, string? ContactName, ActivityType Type, string Title, string? Description, DateTime? ScheduledAt, bool IsCompleted, Guid? CreatedById, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record MyActivities(IReadOnlyList<ActivityDto> Overdue, IReadOnlyList<ActivityDto> Today, IReadOnlyList<ActivityDto> Upcoming, IReadOnlyList<ActivityDto> Unscheduled);

/// <summary>Activities on a contact (in scope), and the signed-in user's agenda.</summary>
public sealed class ActivityCommands(CrmDbContext db, ContactAccess access, SiteSettingsService settings, TimeProvider clock)
{
    public async Task<IReadOnlyList<ActivityDto>?> ListAsync(Guid contactId, CancellationToken ct)
    {
        if (!await access.IsVisibleAsync(contactId, ct))
        {
            return null;
        }
        return await db.Set<ContactActivity>().AsNoTracking().Where(a => a.ContactId == contactId)
            .OrderBy(a => a.IsCompleted).ThenByDescending(a => a.ScheduledAt).ThenByDescending(a => a.Id)
            .Select(Projection).ToListAsync(ct);
    }

    public async Task<Result<ActivityDto>> AddAsync(Guid contactId, ActivityInput input, CancellationToken ct)
    {
        if (!await access.IsVisibleAsync(contactId, ct))
        {
            return Result<ActivityDto>.NotFound();
        }
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return Result<ActivityDto>.Invalid(errors);
        }
        var activity = new ContactActivity { ContactId = contactId, CreatedById = access.UserId };
        await ApplyAsync(input, activity, ct);
        db.Add(activity);
        await db.SaveChangesAsync(ct);
        return Result<ActivityDto>.Ok(await GetAsync(activity.Id, ct));
    }

    public async Task<Result<ActivityDto>> UpdateAsync(Guid contactId, Guid id, ActivityInput input, CancellationToken ct)
    {
        var activity = await FindAsync(contactId, id, ct);
        if (activity is null)
        {
            return Result<ActivityDto>.NotFound();
        }
        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return Result<ActivityDto>.Invalid(errors);
        }
        var previous = activity.ScheduledAt;
        await ApplyAsync(input, activity, ct);
        if (activity.ScheduledAt != previous)
        {
            activity.DueNotifiedAt = null; // rescheduled: announce it again at the new time
        }
        await db.SaveChangesAsync(ct);
        return Result<ActivityDto>.Ok(await GetAsync(id, ct));
    }

    public async Task<Result<ActivityDto>> CompleteAsync(Guid contactId, Guid id, bool completed, CancellationToken ct)
    {
        var activity = await FindAsync(contactId, id, ct);
        if (activity is null)
        {
            return Result<ActivityDto>.NotFound();
        }
        activity.IsCompleted = completed;
        await db.SaveChangesAsync(ct);
        return Result<ActivityDto>.Ok(await GetAsync(id, ct));
    }

    public async Task<Result<bool>> DeleteAsync(Guid contactId, Guid id, CancellationToken ct)
    {
        var activity = await FindAsync(contactId, id, ct);
        if (activity is null)
        {
            return Result<bool>.NotFound();
        }
        db.Remove(activity);
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    /// <summary>The user's open activities on contacts they can still see, split around today in the site's time zone.</summary>
    public async Task<MyActivities> MineAsync(CancellationToken ct)
    {
        var visible = (await access.VisibleAsync(false, ct)).Select(c => c.Id);
        var me = access.UserId;
        var open = await db.Set<ContactActivity>().AsNoTracking()
            .Where(a => a.CreatedById == me && !a.IsCompleted && visible.Contains(a.ContactId))
            .OrderBy(a => a.ScheduledAt).ThenBy(a => a.Id).Take(500)
            .Select(Projection).ToListAsync(ct);
        var zone = await ZoneAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var localToday = TimeZoneInfo.ConvertTimeFromUtc(now, zone).Date;
        var tomorrow = TimeZoneInfo.ConvertTimeToUtc(localToday.AddDays(1), zone);
        return new MyActivities(
            [.. open.Where(a => a.ScheduledAt < now)],
            [.. open.Where(a => a.ScheduledAt >= now && a.ScheduledAt < tomorrow)],
            [.. open.Where(a => a.ScheduledAt >= tomorrow)],
            [.. open.Where(a => a.ScheduledAt is null)]);
    }

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct)
    {
        var name = (await settings.GetAsync<GeneralSettings>(GeneralSettings.Key, ct)).TimeZone;
        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private async Task<ContactActivity?> FindAsync(Guid contactId, Guid id, CancellationToken ct) =>
        await access.IsVisibleAsync(contactId, ct)
            ? await db.Set<ContactActivity>().FirstOrDefaultAsync(a => a.Id == id && a.ContactId == contactId, ct)
            : null;

    private static Dictionary<string, string[]> Validate(ActivityInput input)
    {
        var errors = RequestValidator.Validate(input);
        if (!errors.ContainsKey(nameof(input.Title)) && string.IsNullOrWhiteSpace(input.Title))
        {
            errors[nameof(input.Title)] = ["Enter a title."];
        }
        if (input.ScheduledAt is { Year: < 2000 or > 2200 })
        {
            errors[nameof(input.ScheduledAt)] = ["Enter a date between the years 2000 and 2200."];
        }
        return errors;
    }

    private async Task ApplyAsync(ActivityInput input, ContactActivity activity, CancellationToken ct)
    {
        activity.Type = input.Type!.Value;
        activity.Title = input.Title!.Trim();
        activity.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        activity.IsCompleted = input.IsCompleted;
        activity.ScheduledAt = input.ScheduledAt is { } at
            ? at.Kind == DateTimeKind.Unspecified ? TimeZoneInfo.ConvertTimeToUtc(at, await ZoneAsync(ct)) : at.ToUniversalTime()
            : null;
    }

    private async Task<ActivityDto> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<ContactActivity>().AsNoTracking().Where(a => a.Id == id).Select(Projection).FirstAsync(ct);

    private static readonly System.Linq.Expressions.Expression<Func<ContactActivity, ActivityDto>> Projection = a => new ActivityDto(
        a.Id, a.ContactId, a.Contact == null ? null : a.Contact.Name, a.Type, a.Title, a.Description, a.ScheduledAt, a.IsCompleted, a.CreatedById, a.CreatedAt, a.UpdatedAt);
}
