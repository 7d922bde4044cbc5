using CrmPlatform.Core.Data;
using CrmPlatform.Workflows.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Workflows.Features;

public sealed record NotificationDto(Guid Id, string Title, string? Body, Guid? InstanceId, DateTime CreatedAt);

/// <summary>The signed-in user's notifications written by <c>Notify a user</c>, newest first.</summary>
internal sealed class NotificationQueries(CrmDbContext db)
{
    public async Task<IReadOnlyList<NotificationDto>> ForUserAsync(Guid userId, CancellationToken ct) =>
        await db.Set<WorkflowNotification>().AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(100)
            .Select(n => new NotificationDto(n.Id, n.Title, n.Body, n.InstanceId, n.CreatedAt)).ToListAsync(ct);
}
