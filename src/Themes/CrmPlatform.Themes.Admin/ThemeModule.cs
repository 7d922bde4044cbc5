using CrmPlatform.Core.Modules;

namespace CrmPlatform.Themes.Admin;

/// <summary>The admin layout (Bootstrap 5, htmx, Chart.js from npm), pager and sort helpers.</summary>
public sealed class AdminThemeModule : ModuleStartup
{
    public override string Id => "CrmPlatform.Themes.Admin";
    public override string Name => "Admin theme";
    public override string Category => "Themes";
    public override bool AlwaysEnabled => true;
}
