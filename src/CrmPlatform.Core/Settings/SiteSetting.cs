namespace CrmPlatform.Core.Settings;

/// <summary>A site-wide setting; the value is JSON so a module can store a whole settings object under one key.</summary>
public sealed class SiteSetting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
