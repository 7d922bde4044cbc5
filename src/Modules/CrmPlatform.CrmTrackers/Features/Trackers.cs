using System.ComponentModel.DataAnnotations;
using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

public sealed class TrackerInput
{
    [Required(ErrorMessage = "Name is required.")]
    [StringLength(CrmTracker.NameMaxLength, ErrorMessage = "Name must be at most 200 characters.")]
    public string? Name { get; set; }

    [StringLength(CrmTracker.DescriptionMaxLength, ErrorMessage = "Description must be at most 4000 characters.")]
    public string? Description { get; set; }

    public bool IsActive { get; set; } = true;
}

public sealed record TrackerDto(Guid Id, string Name, string? Description, bool IsActive, Guid? CreatedById, DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<FieldDto> Fields);

public sealed record FieldDto(Guid Id, string Name, string Label, FieldType Type, bool IsRequired, IReadOnlyList<string>? Options, string? Placeholder, string? HelpText, int SortOrder)
{
    internal static FieldDto From(CrmField f) =>
        new(f.Id, f.Name, f.Label, f.Type, f.IsRequired, f.Type.HasOptions() ? FieldOptions.Read(f.Options) : null, f.Placeholder, f.HelpText, f.SortOrder);
}

/// <summary>Trackers: list, read, create, edit, activate/deactivate, delete (only while no lead uses it).</summary>
internal sealed class Trackers(CrmDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<TrackerDto>> ListAsync(bool activeOnly, CancellationToken ct)
    {
        var query = db.Trackers().AsNoTracking().Include(t => t.Fields).AsQueryable();
        if (activeOnly)
        {
            query = query.Where(t => t.IsActive);
        }
        var trackers = await query.OrderBy(t => t.Name).ThenBy(t => t.Id).AsSplitQuery().ToListAsync(ct);
        return [.. trackers.Select(ToDto)];
    }

    public async Task<TrackerDto?> GetAsync(Guid id, CancellationToken ct)
    {
        var tracker = await db.Trackers().AsNoTracking().Include(t => t.Fields).FirstOrDefaultAsync(t => t.Id == id, ct);
        return tracker is null ? null : ToDto(tracker);
    }

    public async Task<Result<TrackerDto>> CreateAsync(TrackerInput input, CancellationToken ct)
    {
        var errors = Errors.Of(input);
        if (errors.Count > 0)
        {
            return Result<TrackerDto>.Invalid(errors);
        }
        var tracker = new CrmTracker { CreatedById = user.Id };
        Copy(input, tracker);
        db.Trackers().Add(tracker);
        await db.SaveChangesAsync(ct);
        return Result<TrackerDto>.Ok(ToDto(tracker));
    }

    public async Task<Result<TrackerDto>> UpdateAsync(Guid id, TrackerInput input, CancellationToken ct)
    {
        var tracker = await db.Trackers().Include(t => t.Fields).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tracker is null)
        {
            return Result<TrackerDto>.NotFound();
        }
        var errors = Errors.Of(input);
        if (errors.Count > 0)
        {
            return Result<TrackerDto>.Invalid(errors);
        }
        Copy(input, tracker);
        await db.SaveChangesAsync(ct);
        return Result<TrackerDto>.Ok(ToDto(tracker));
    }

    public async Task<Result<TrackerDto>> SetActiveAsync(Guid id, bool active, CancellationToken ct)
    {
        var tracker = await db.Trackers().Include(t => t.Fields).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tracker is null)
        {
            return Result<TrackerDto>.NotFound();
        }
        tracker.IsActive = active;
        await db.SaveChangesAsync(ct);
        return Result<TrackerDto>.Ok(ToDto(tracker));
    }

    public async Task<Result<bool>> DeleteAsync(Guid id, CancellationToken ct)
    {
        var tracker = await db.Trackers().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tracker is null)
        {
            return Result<bool>.NotFound();
        }
        if (await db.Leads().IgnoreQueryFilters().AnyAsync(l => l.TrackerId == id, ct))
        {
            return Result<bool>.Conflict("id", "The tracker has leads (deleted ones included): deactivate it instead.");
        }
        db.Trackers().Remove(tracker);
        await db.SaveChangesAsync(ct);
        return Result<bool>.Ok(true);
    }

    private static void Copy(TrackerInput input, CrmTracker tracker)
    {
        tracker.Name = input.Name!.Trim();
        tracker.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        tracker.IsActive = input.IsActive;
    }

    internal static TrackerDto ToDto(CrmTracker t) =>
        new(t.Id, t.Name, t.Description, t.IsActive, t.CreatedById, t.CreatedAt, t.UpdatedAt, [.. t.Fields.OrderBy(f => f.SortOrder).ThenBy(f => f.Name).Select(FieldDto.From)]);
}
