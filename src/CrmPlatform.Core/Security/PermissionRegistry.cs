using CrmPlatform.Core.Modules;

namespace CrmPlatform.Core.Security;

/// <summary>Every permission declared by the kernel and the modules, grouped by the module that owns it.</summary>
public sealed class PermissionRegistry
{
    private readonly Dictionary<string, (Permission Permission, string Group)> _byName = new(StringComparer.Ordinal);

    public PermissionRegistry(ModuleCatalog catalog)
    {
        foreach (var permission in CorePermissions.All)
        {
            Add(permission, "Platform", null);
        }
        foreach (var module in catalog.Modules)
        {
            foreach (var permission in module.Permissions)
            {
                Add(permission, module.Name, module.Id);
            }
        }
    }

    private readonly Dictionary<string, string?> _moduleOf = new(StringComparer.Ordinal);

    private void Add(Permission permission, string group, string? moduleId)
    {
        if (!_byName.TryAdd(permission.Name, (permission, group)))
        {
            throw new InvalidOperationException($"Permission '{permission.Name}' is declared twice.");
        }
        _moduleOf[permission.Name] = moduleId;
    }

    public IEnumerable<Permission> All => _byName.Values.Select(v => v.Permission);

    public Permission? Find(string name) => _byName.TryGetValue(name, out var entry) ? entry.Permission : null;

    /// <summary>The module that declared the permission; null for the kernel's own.</summary>
    public string? ModuleOf(string name) => _moduleOf.GetValueOrDefault(name);

    public IEnumerable<IGrouping<string, Permission>> Grouped() =>
        _byName.Values.GroupBy(v => v.Group, v => v.Permission);
}
