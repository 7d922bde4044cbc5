using System.Reflection;
using CrmPlatform.Core.Modules;
using NetArchTest.Rules;

namespace CrmPlatform.Tests;

/// <summary>Keeps the module boundaries of ARCHITECTURE.md: the kernel knows no module, no module knows Workflows.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly[] ModuleAssemblies = ModuleCatalog.Discover(typeof(Program).Assembly).Modules
        .Select(m => m.GetType().Assembly)
        .Where(a => a.GetName().Name!.StartsWith("CrmPlatform.", StringComparison.Ordinal) && a.GetName().Name != "CrmPlatform.Tests")
        .Distinct()
        .ToArray();

    [Fact]
    public void The_kernel_does_not_depend_on_any_module_or_theme()
    {
        var result = Types.InAssembly(typeof(ModuleStartup).Assembly)
            .ShouldNot().HaveDependencyOnAny("CrmPlatform.Users", "CrmPlatform.Admin", "CrmPlatform.Contacts", "CrmPlatform.CrmTrackers", "CrmPlatform.Assessments",
                "CrmPlatform.Questionnaires", "CrmPlatform.Marketing", "CrmPlatform.Workflows", "CrmPlatform.Themes")
            .GetResult();
        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void No_module_references_the_workflows_module()
    {
        foreach (var assembly in ModuleAssemblies.Where(a => a.GetName().Name != "CrmPlatform.Workflows"))
        {
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), r => r.Name == "CrmPlatform.Workflows");
        }
    }

    [Fact]
    public void Modules_reference_only_the_kernel_themes_and_contacts()
    {
        string[] allowed = ["CrmPlatform.Core", "CrmPlatform.Themes.Admin", "CrmPlatform.Themes.Public", "CrmPlatform.Contacts"];
        foreach (var assembly in ModuleAssemblies)
        {
            var references = assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("CrmPlatform.", StringComparison.Ordinal));
            Assert.All(references, r => Assert.Contains(r, allowed));
        }
    }

    [Fact]
    public void The_host_discovers_every_module_it_references()
    {
        var ids = ModuleCatalog.Discover(typeof(Program).Assembly).Modules.Select(m => m.Id).ToList();
        Assert.Contains("CrmPlatform.Admin", ids);
        Assert.Contains("CrmPlatform.Users", ids);
        Assert.Contains("CrmPlatform.Themes.Admin", ids);
    }
}
