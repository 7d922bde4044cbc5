using System.Net;
using CrmPlatform.Core.Data;
using CrmPlatform.Tests.Infrastructure;

namespace CrmPlatform.Tests.Kernel;

/// <summary>The out-of-process host used by the crash and several-node tests: it starts, answers, dies on SIGKILL and restarts on the same data.</summary>
public sealed class ExternalHostTests
{
    [Fact]
    public async Task A_host_killed_with_sigkill_restarts_on_the_same_database()
    {
        await using var database = await ExternalDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var first = await ExternalHost.StartAsync(database);
        var token = await database.CreateTokenAsync(CrmApp.AdminEmail);
        using (var client = first.CreateClient(token))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/me", TestContext.Current.CancellationToken)).StatusCode);
        }
        await first.KillAsync();
        Assert.True(first.HasExited);
        await first.DisposeAsync();

        await using var second = await ExternalHost.StartAsync(database);
        using var again = second.CreateClient(token);
        var me = await again.GetStringAsync("api/v1/me", TestContext.Current.CancellationToken);
        Assert.Contains(CrmApp.AdminEmail, me, StringComparison.Ordinal);
    }
}
