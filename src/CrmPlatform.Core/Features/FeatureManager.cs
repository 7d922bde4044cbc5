using CrmPlatform.Core.Data;
using CrmPlatform.Core.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CrmPlatform.Core.Features;

public interface IFeatureManager
{
    Task<bool> IsEnabledAsync(string moduleId, CancellationToken ct = default);

    Task<IReadOnlySet<string>> EnabledAsync(CancellationToken ct = default);

    /// <summary>Enables the feature and, if <paramref name="withDependencies"/>, the features it needs.</summary>
    Task<FeatureChangeResult> EnableAsync(string moduleId, bool withDependencies = false, CancellationToken ct = default);

    Task<FeatureChangeResult> DisableAsync(string moduleId, CancellationToken ct = default);

    /// <summary>Writes a change through a caller's context (recipes), without saving.</summary>
    Task<FeatureChangeResult> SetAsync(CrmDbContext db, string moduleId, bool enabled, CancellationToken ct = default);

    void Invalidate();
}

public sealed record FeatureChangeResult(bool Succeeded, string? Error = null)
{
    public static readonly FeatureChangeResult Ok = new(true);

    public static FeatureChangeResult Fail(string error) => new(false, error);
}

internal sealed class FeatureManager(ModuleCatalog catalog, IDbContextFactory<CrmDbContext> contexts, IMemoryCache cache) : IFeatureManager
{
    private const string CacheKey = "crm:features";

    public async Task<bool> IsEnabledAsync(string moduleId, CancellationToken ct = default) =>
        (await EnabledAsync(ct)).Contains(moduleId);

    public async Task<IReadOnlySet<string>> EnabledAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out IReadOnlySet<string>? cached) && cached is not null)
        {
            return cached;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.Features.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.IsEnabled, StringComparer.OrdinalIgnoreCase, ct);
        var enabled = Compute(stored);
        // A short life so another web node's change is picked up within seconds; this node invalidates at once.
        cache.Set(CacheKey, enabled, TimeSpan.FromSeconds(5));
        return enabled;
    }

    private IReadOnlySet<string> Compute(IReadOnlyDictionary<string, bool> stored) =>
        catalog.Modules
            .Where(m => m.AlwaysEnabled || (stored.TryGetValue(m.Id, out var on) ? on : m.EnabledByDefault))
            .Select(m => m.Id)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task<FeatureChangeResult> EnableAsync(string moduleId, bool withDependencies = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var result = await SetAsync(db, moduleId, true, withDependencies, ct);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
            Invalidate();
        }
        return result;
    }

    public async Task<FeatureChangeResult> DisableAsync(string moduleId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var result = await SetAsync(db, moduleId, false, false, ct);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
            Invalidate();
        }
        return result;
    }

    public Task<FeatureChangeResult> SetAsync(CrmDbContext db, string moduleId, bool enabled, CancellationToken ct = default) =>
        SetAsync(db, moduleId, enabled, withDependencies: false, ct);

    private async Task<FeatureChangeResult> SetAsync(CrmDbContext db, string moduleId, bool enabled, bool withDependencies, CancellationToken ct)
    {
        var module = catalog.Find(moduleId);
        if (module is null)
        {
            return FeatureChangeResult.Fail($"There is no feature '{moduleId}'.");
        }
        if (!enabled && module.AlwaysEnabled)
        {
            return FeatureChangeResult.Fail($"'{module.Name}' is part of the platform and cannot be disabled.");
        }
        var stored = await db.Features.ToDictionaryAsync(f => f.Id, StringComparer.OrdinalIgnoreCase, ct);
        // Include changes made earlier in the same unit of work (a recipe enabling several features).
        foreach (var local in db.Features.Local)
        {
            stored[local.Id] = local;
        }
        var current = Compute(stored.ToDictionary(kv => kv.Key, kv => kv.Value.IsEnabled, StringComparer.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var toChange = new List<string> { module.Id };
        if (enabled)
        {
            var missing = module.Dependencies.Where(d => !current.Contains(d)).ToList();
            if (missing.Count > 0 && !withDependencies)
            {
                var names = string.Join(", ", missing.Select(d => catalog.Find(d)?.Name ?? d));
                return FeatureChangeResult.Fail($"'{module.Name}' needs {names}; enable {(missing.Count == 1 ? "it" : "them")} first.");
            }
            toChange.AddRange(Closure(module.Id).Where(d => !current.Contains(d)));
        }
        else
        {
            var dependents = catalog.Dependents(module.Id).Where(d => current.Contains(d.Id)).Select(d => d.Name).ToList();
            if (dependents.Count > 0)
            {
                return FeatureChangeResult.Fail($"'{module.Name}' is needed by {string.Join(", ", dependents)}; disable {(dependents.Count == 1 ? "it" : "them")} first.");
            }
        }
        foreach (var id in toChange.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (stored.TryGetValue(id, out var row))
            {
                row.IsEnabled = enabled;
            }
            else
            {
                db.Features.Add(new FeatureState { Id = catalog.Find(id)!.Id, IsEnabled = enabled });
            }
        }
        return FeatureChangeResult.Ok;
    }

    private IEnumerable<string> Closure(string id)
    {
        foreach (var dependency in catalog.Find(id)?.Dependencies ?? [])
        {
            yield return dependency;
            foreach (var transitive in Closure(dependency))
            {
                yield return transitive;
            }
        }
    }

    public void Invalidate() => cache.Remove(CacheKey);
}
