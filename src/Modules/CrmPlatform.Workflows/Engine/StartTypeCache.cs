using System.Collections.Concurrent;
using CrmPlatform.Core.Data;
using CrmPlatform.Workflows.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Workflows.Engine;

/// <summary>
/// The enabled workflow types per start event, read once and kept for a few seconds: every delivered event asks, and
/// most events (a note added, a contact updated) start nothing. Saving, enabling or deleting a type on this node
/// clears it at once; another node sees the change within <see cref="Lifetime"/>. The types are shared read-only.
/// </summary>
internal sealed class StartTypeCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (IReadOnlyList<WorkflowType> Types, DateTimeOffset Until)> _byEvent = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<WorkflowType>> EnabledAsync(CrmDbContext db, string startEvent, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_byEvent.TryGetValue(startEvent, out var entry) && entry.Until > now)
        {
            return entry.Types;
        }
        var types = await db.Set<WorkflowType>().AsNoTracking().Where(t => t.Enabled && t.StartEvent == startEvent).OrderBy(t => t.Name).ToListAsync(ct);
        _byEvent[startEvent] = (types, now + Lifetime);
        return types;
    }

    public void Invalidate() => _byEvent.Clear();
}
