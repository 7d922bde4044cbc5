using System.Reflection;
using Microsoft.Extensions.DependencyModel;

namespace CrmPlatform.Core.Modules;

/// <summary>The modules the host was built with, discovered once at start-up.</summary>
public sealed class ModuleCatalog
{
    private readonly Dictionary<string, ModuleStartup> _byId;
    private readonly Dictionary<Assembly, ModuleStartup> _byAssembly;

    public ModuleCatalog(IEnumerable<ModuleStartup> modules)
    {
        Modules = [.. modules.OrderBy(m => m.Category).ThenBy(m => m.Name)];
        _byId = Modules.ToDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);
        // Pages, menus and parts are owned by their assembly's module; an assembly with several ModuleStartup classes
        // (extra features without screens of their own) maps to the one whose id sorts first.
        _byAssembly = Modules.GroupBy(m => m.GetType().Assembly).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Id, StringComparer.Ordinal).First());
        foreach (var module in Modules)
        {
            foreach (var dependency in module.Dependencies)
            {
                if (!_byId.ContainsKey(dependency))
                {
                    throw new InvalidOperationException($"Module '{module.Id}' depends on '{dependency}', which the host does not include.");
                }
            }
        }
    }

    public IReadOnlyList<ModuleStartup> Modules { get; }

    public ModuleStartup? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The module that owns a type (a page, a navigation provider, a display part), if any.</summary>
    public ModuleStartup? ForType(Type type) => _byAssembly.GetValueOrDefault(type.Assembly);

    /// <summary>Modules that list <paramref name="id"/> as a dependency.</summary>
    public IEnumerable<ModuleStartup> Dependents(string id) =>
        Modules.Where(m => m.Dependencies.Contains(id, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Finds every <see cref="ModuleStartup"/> in the application's CrmPlatform assemblies (those named in the
    /// entry assembly's dependency manifest), so adding a module is a project reference in the host.
    /// </summary>
    public static ModuleCatalog Discover(Assembly? entryAssembly = null)
    {
        var assemblies = new HashSet<Assembly>();
        var context = entryAssembly is null ? DependencyContext.Default : DependencyContext.Load(entryAssembly);
        foreach (var library in context?.RuntimeLibraries ?? [])
        {
            if (library.Name.StartsWith("CrmPlatform.", StringComparison.Ordinal))
            {
                try
                {
                    assemblies.Add(Assembly.Load(new AssemblyName(library.Name)));
                }
                catch (FileNotFoundException)
                {
                    // A project without an assembly of that name (a test project, say) is not a module.
                }
            }
        }
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (loaded.GetName().Name?.StartsWith("CrmPlatform.", StringComparison.Ordinal) == true)
            {
                assemblies.Add(loaded);
            }
        }
        var modules = assemblies
            .SelectMany(SafeTypes)
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ModuleStartup).IsAssignableFrom(t))
            .Select(t => (ModuleStartup)Activator.CreateInstance(t)!);
        return new ModuleCatalog(modules);
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
