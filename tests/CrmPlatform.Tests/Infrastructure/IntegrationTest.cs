using CrmPlatform.Core.Data;

namespace CrmPlatform.Tests.Infrastructure;

/// <summary>Base of integration test classes; each suite has a SQLite and a PostgreSQL subclass.</summary>
public abstract class IntegrationTest
{
    protected IntegrationTest(CrmApp app)
    {
        if (app.DatabaseProvider == DatabaseProvider.PostgreSql)
        {
            PostgresApp.RequirePostgres();
        }
        App = app;
    }

    protected CrmApp App { get; }

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
}
