using CrmPlatform.Core.Modules;

namespace CrmPlatform.Themes.Public;

/// <summary>The layout of the public assessment and questionnaire forms.</summary>
public sealed class PublicThemeModule : ModuleStartup
{
    public override string Id => "CrmPlatform.Themes.Public";
    public override string Name => "Public theme";
    public override string Category => "Themes";
    public override bool AlwaysEnabled => true;
}
