using CrmPlatform.Core.Data;
using CrmPlatform.Core.Modules;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmPlatform.Web;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the whole model (every module the host references) for either provider:
/// <c>CRM_EF_PROVIDER=PostgreSql dotnet ef migrations add Name -p src/CrmPlatform.Data.PostgreSql -s src/CrmPlatform.Web</c>.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CrmDbContext>
{
    public CrmDbContext CreateDbContext(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(Environment.GetEnvironmentVariable("CRM_EF_PROVIDER") ?? "Sqlite", ignoreCase: true);
        var connectionString = provider == DatabaseProvider.PostgreSql ? "Host=localhost;Database=crm_design" : "Data Source=design.db";
        return new CrmDbContext(CrmDbContextFactory.Build(provider, connectionString), ModuleCatalog.Discover(typeof(DesignTimeDbContextFactory).Assembly));
    }
}
