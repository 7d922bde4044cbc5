using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Core.Setup;

/// <summary>
/// Before the site answers requests: applies pending migrations, makes sure the data-protection key ring in the
/// database has a key, then runs unattended setup when the <c>Setup:AutoSetup</c> configuration asks for it and the
/// site is not set up yet. Each step is safe when several nodes start at once on one database.
/// </summary>
internal sealed class DatabaseInitializer(SetupService setup, IDataProtectionProvider dataProtection, IOptions<AutoSetupOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await setup.MigrateAsync(cancellationToken);
        // The first protect creates the key ring's first key if there is none. Under the setup lock, so nodes starting
        // together on an empty database share one key instead of each making its own before it has read the other's
        // (a cookie protected with a key a node has not loaded yet would not be readable there until its ring refreshes).
        await setup.ExclusiveAsync(() => Task.FromResult(dataProtection.CreateProtector("CrmPlatform.Startup").Protect("key ring ready")), cancellationToken);
        var auto = options.Value;
        if (!auto.AutoSetup || await setup.IsSetUpAsync(cancellationToken))
        {
            return;
        }
        var result = await setup.SetupAsync(new SetupRequest
        {
            SiteName = auto.SiteName,
            AdminEmail = auto.AdminEmail,
            AdminPassword = auto.AdminPassword,
            Recipe = auto.Recipe,
        }, cancellationToken);
        if (!result.Succeeded && result.Kind != Api.ResultKind.Conflict)
        {
            var reasons = string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
            throw new InvalidOperationException($"Unattended setup failed (check the Setup configuration section): {reasons}");
        }
        logger.LogInformation("Unattended setup done for {Email}.", auto.AdminEmail);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
