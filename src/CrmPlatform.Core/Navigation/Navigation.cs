using System.Security.Claims;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Security;

namespace CrmPlatform.Core.Navigation;

/// <summary>A module's contribution to the admin menu.</summary>
public interface INavigationProvider
{
    void Build(NavigationBuilder menu);
}

/// <summary>One admin menu entry. Items with the same <see cref="Group"/> are shown together under that heading.</summary>
public sealed record MenuItem(string Text, string Url, Permission Permission, string Group = "Main", int Position = 100, string Icon = "bi-circle");

public sealed class NavigationBuilder
{
    internal List<MenuItem> Items { get; } = [];

    public NavigationBuilder Add(string text, string url, Permission permission, string group = "Main", int position = 100, string icon = "bi-circle")
    {
        Items.Add(new MenuItem(text, url, permission, group, position, icon));
        return this;
    }
}

/// <summary>Builds the menu a user sees: only items of enabled features whose permission the user holds.</summary>
public sealed class NavigationService(IEnumerable<INavigationProvider> providers, ModuleCatalog catalog, IFeatureManager features, PermissionService permissions)
{
    public async Task<IReadOnlyList<MenuItem>> BuildAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var enabled = await features.EnabledAsync(ct);
        var items = new List<MenuItem>();
        foreach (var provider in providers)
        {
            var module = catalog.ForType(provider.GetType());
            if (module is not null && !enabled.Contains(module.Id))
            {
                continue;
            }
            var builder = new NavigationBuilder();
            provider.Build(builder);
            foreach (var item in builder.Items)
            {
                if (await permissions.HasAsync(user, item.Permission.Name, ct))
                {
                    items.Add(item);
                }
            }
        }
        return [.. items.OrderBy(i => i.Position).ThenBy(i => i.Text)];
    }
}
