using System.ComponentModel.DataAnnotations;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Admin;

public sealed record AuditEntryDto(Guid Id, DateTime At, Guid? UserId, string? UserEmail, string EntityType, string EntityId, string Action, string Changes);

public sealed class AuditLogFilter
{
    [StringLength(256)] public string? User { get; set; }
    [StringLength(100)] public string? EntityType { get; set; }
    [StringLength(100)] public string? EntityId { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    [StringLength(1024)] public string? Cursor { get; set; }
    [Range(1, Core.Api.Cursor.MaxLimit)] public int? Limit { get; set; }
}

/// <summary>Searches the audit log newest first, keyset-paged on the time-ordered id.</summary>
public sealed class AuditLogQuery(CrmDbContext db)
{
    public async Task<Result<CursorPage<AuditEntryDto>>> SearchAsync(AuditLogFilter filter, CancellationToken ct)
    {
        var errors = RequestValidator.Validate(filter);
        if (!Core.Api.Cursor.TryDecode<Guid>(filter.Cursor, out var after))
        {
            errors["cursor"] = ["The cursor is not valid; start again from the first page."];
        }
        if (errors.Count > 0)
        {
            return Result<CursorPage<AuditEntryDto>>.Invalid(errors);
        }
        var limit = Core.Api.Cursor.ClampLimit(filter.Limit);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var needle = filter.User.Trim().ToUpperInvariant();
            var userIds = db.Users.Where(u => u.NormalizedEmail!.Contains(needle)).Select(u => (Guid?)u.Id);
            query = query.Where(a => userIds.Contains(a.UserId));
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            query = query.Where(a => a.EntityType == filter.EntityType.Trim());
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(a => a.EntityId == filter.EntityId.Trim());
        }
        if (filter.From is { } from)
        {
            var utc = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            query = query.Where(a => a.At >= utc);
        }
        if (filter.To is { } to)
        {
            var utc = DateTime.SpecifyKind(to, DateTimeKind.Utc);
            query = query.Where(a => a.At <= utc);
        }
        if (after != Guid.Empty)
        {
            query = query.Where(a => a.Id.CompareTo(after) < 0);
        }
        var rows = await query.OrderByDescending(a => a.Id).Take(limit + 1)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.UserId, db.Users.Where(u => u.Id == a.UserId).Select(u => u.Email).FirstOrDefault(), a.EntityType, a.EntityId, a.Action, a.Changes))
            .ToListAsync(ct);
        var next = rows.Count > limit ? Core.Api.Cursor.Encode(rows[limit - 1].Id) : null;
        return Result<CursorPage<AuditEntryDto>>.Ok(new CursorPage<AuditEntryDto>(rows.Take(limit).ToList(), next));
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct) =>
        await db.AuditLog.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
}
