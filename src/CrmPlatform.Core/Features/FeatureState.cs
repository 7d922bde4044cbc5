namespace CrmPlatform.Core.Features;

/// <summary>Whether a module's feature is on. A module with no row takes its <c>EnabledByDefault</c>.</summary>
public sealed class FeatureState
{
    public string Id { get; set; } = "";
    public bool IsEnabled { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>Endpoint metadata naming the module an endpoint belongs to; the feature gate answers 404 while it is off.</summary>
public sealed record FeatureMetadata(string ModuleId);
