using System.Collections.Concurrent;
using CrmPlatform.Core.Data;
using CrmPlatform.Workflows.Data;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Workflows.Engine;

/// <summary>
/// The enabled workflow types per start event: every delivered event asks, and most events (a note added, a contact
/// updated) start nothing. The types (with their graphs) are read once and kept while the table's stamp — the number
/// of rows and the newest <c>updated_at</c>, one small aggregate query per ask — is unchanged, so a type saved, enabled
/// or deleted on any node is seen by the very next event on every node (an event raised after a workflow was enabled
/// always starts it). Saving on this node also clears the cache at once. The types are shared read-only.
/// </summary>
internal sealed class StartTypeCache
{
    private readonly ConcurrentDictionary<string, (IReadOnlyList<WorkflowType> Types, Stamp Stamp)> _byEvent = new(StringComparer.Ordinal);

    private readonly record struct Stamp(int Count, DateTime? Newest);

    public async Task<IReadOnlyList<WorkflowType>> EnabledAsync(CrmDbContext db, string startEvent, CancellationToken ct)
    {
        var stamp = await db.Set<WorkflowType>().IgnoreQueryFilters().AsNoTracking()
            .GroupBy(t => 1)
            .Select(g => new Stamp(g.Count(), g.Max(t => (DateTime?)t.UpdatedAt)))
            .FirstOrDefaultAsync(ct);
        if (_byEvent.TryGetValue(startEvent, out var entry) && entry.Stamp == stamp)
        {
            return entry.Types;
        }
        var types = await db.Set<WorkflowType>().AsNoTracking().Where(t => t.Enabled && t.StartEvent == startEvent).OrderBy(t => t.Name).ToListAsync(ct);
        _byEvent[startEvent] = (types, stamp);
        return types;
    }

    public void Invalidate() => _byEvent.Clear();
}
