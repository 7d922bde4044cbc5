using CrmPlatform.CrmTrackers.Data;
using CrmPlatform.Core.Api;
using CrmPlatform.Core.Data;
using CrmPlatform.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.CrmTrackers.Features;

/// <summary>One-step changes to a lead: status (board moves), assignment, delete and restore.</summary>
internal sealed class LeadActions(CrmDbContext db, LeadAccess access)
{
    public async Task<Result<LeadStatus>> ChangeStatusAsync(Guid id, string? status, CancellationToken ct)
    {
        var lead = await access.FindAsync(id, ct);
        if (lead is null)
        {
            return Result<LeadStatus>.NotFound();
        }
        if (!EnumNames.TryParse<LeadStatus>(status, out var next))
        {
            return Result<LeadStatus>.Invalid("status", $"'{status}' is not a lead status ({string.Join(", ", EnumNames.All<LeadStatus>())}).");
        }
        if (next != lead.Status)
        {
            var old = lead.Status;
            lead.Status = next;
            db.Raise(new LeadStatusChanged(lead.Id, lead.TrackerId, lead.ContactId, old, next, access.UserId, lead.Title, lead.AssignedToId));
            await db.SaveChangesAsync(ct);
        }
        return Result<LeadStatus>.Ok(next);
    }

    public async Task<Result<Guid?>> AssignAsync(Guid id, Guid? userId, CancellationToken ct)
    {
        var lead = await access.FindAsync(id, ct);
        if (lead is null)
        {
            return Result<Guid?>.NotFound();
        }
        if (userId is { } uid && !await db.Users.AnyAsync(u => u.Id == uid && u.IsActive && u.Role != UserRole.Lead, ct))
        {
            return Result<Guid?>.Invalid("assignedToId", "Leads can be assigned only to active admin, staff or partner users.");
        }
        if (lead.AssignedToId != userId)
        {
            var old = lead.AssignedToId;
            lead.AssignedToId = userId;
            db.Raise(new LeadAssigned(lead.Id, lead.TrackerId, lead.ContactId, old, userId, access.UserId));
            await db.SaveChangesAsync(ct);
        }
        return Result<Guid?>.Ok(userId);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var lead = await access.FindAsync(id, ct);
        if (lead is null)
        {
            return false;
        }
        lead.DeletedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<bool> RestoreAsync(Guid id, CancellationToken ct)
    {
        var lead = await access.FindAsync(id, ct, deleted: true);
        if (lead is null)
        {
            return false;
        }
        lead.DeletedAt = null;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
