using CrmPlatform.Core.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.Core.Modules;

/// <summary>
/// A feature module's single entry point (the Orchard manifest and startup in one). The host finds every
/// subclass in the assemblies it references; the module's features can be switched on and off at runtime.
/// </summary>
public abstract class ModuleStartup
{
    /// <summary>Stable identifier, e.g. <c>CrmPlatform.Contacts</c>; stored with the feature state.</summary>
    public abstract string Id { get; }

    public abstract string Name { get; }

    public virtual string Category => "General";

    public virtual string Description => "";

    /// <summary>Ids of the modules that must be enabled for this one to be enabled.</summary>
    public virtual IReadOnlyList<string> Dependencies => [];

    /// <summary>Kernel-level modules (users, themes) that cannot be disabled.</summary>
    public virtual bool AlwaysEnabled => false;

    /// <summary>Whether a fresh database starts with the feature on (recipes may say otherwise).</summary>
    public virtual bool EnabledByDefault => true;

    /// <summary>The permissions this module declares, with their default grants per role.</summary>
    public virtual IEnumerable<Permission> Permissions => [];

    public virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>Adds the module's entity configurations; by default every <c>IEntityTypeConfiguration</c> in its assembly.</summary>
    public virtual void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(GetType().Assembly);

    /// <summary>Maps the module's minimal-API endpoints. Everything mapped here answers 404 while the feature is off.</summary>
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }
}
