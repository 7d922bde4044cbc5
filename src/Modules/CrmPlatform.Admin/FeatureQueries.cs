using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;

namespace CrmPlatform.Admin;

public sealed record FeatureDto(string Id, string Name, string Category, string Description, bool Enabled, bool AlwaysEnabled, IReadOnlyList<string> Dependencies);

/// <summary>The feature list shared by the Features screen and the API.</summary>
public sealed class FeatureQueries(ModuleCatalog catalog, IFeatureManager features)
{
    public async Task<IReadOnlyList<FeatureDto>> ListAsync(CancellationToken ct)
    {
        var enabled = await features.EnabledAsync(ct);
        return [.. catalog.Modules.Select(m => new FeatureDto(m.Id, m.Name, m.Category, m.Description, enabled.Contains(m.Id), m.AlwaysEnabled, m.Dependencies))];
    }

    public string NameOf(string id) => catalog.Find(id)?.Name ?? id;
}
