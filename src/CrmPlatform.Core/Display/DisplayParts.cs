using System.Security.Claims;
using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Security;

namespace CrmPlatform.Core.Display;

/// <summary>
/// A block one module adds to another module's screen (the contact page's "Leads" tab, a dashboard card).
/// The part is rendered by a view component that receives the screen's <see cref="DisplayContext"/>.
/// </summary>
public interface IDisplayPart
{
    /// <summary>The screen it belongs to, e.g. <see cref="DisplayTargets.Contact"/>.</summary>
    string Target { get; }

    string Title { get; }

    int Position => 100;

    /// <summary>The permission a user needs to see the part; null for anyone who can open the screen.</summary>
    Permission? Permission { get; }

    /// <summary>The view component that renders it; it is invoked with a <c>context</c> argument.</summary>
    Type ViewComponent { get; }
}

public static class DisplayTargets
{
    public const string Contact = "contact";
    public const string Dashboard = "dashboard";
}

/// <summary>What the host screen hands its parts: the record shown (e.g. the contact id) and the viewer.</summary>
public sealed record DisplayContext(string Target, Guid? EntityId, ClaimsPrincipal User);

public sealed class DisplayPartService(IEnumerable<IDisplayPart> parts, ModuleCatalog catalog, IFeatureManager features, PermissionService permissions)
{
    public async Task<IReadOnlyList<IDisplayPart>> ForAsync(string target, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var enabled = await features.EnabledAsync(ct);
        var visible = new List<IDisplayPart>();
        foreach (var part in parts.Where(p => p.Target == target))
        {
            var module = catalog.ForType(part.GetType());
            if (module is not null && !enabled.Contains(module.Id))
            {
                continue;
            }
            if (part.Permission is null || await permissions.HasAsync(user, part.Permission.Name, ct))
            {
                visible.Add(part);
            }
        }
        return [.. visible.OrderBy(p => p.Position)];
    }
}
