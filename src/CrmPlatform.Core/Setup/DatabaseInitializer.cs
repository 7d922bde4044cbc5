using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Core.Setup;

/// <summary>
/// Before the site answers requests: applies pending migrations, then runs unattended setup when the
/// <c>Setup:AutoSetup</c> configuration asks for it and the site is not set up yet.
/// </summary>
internal sealed class DatabaseInitializer(SetupService setup, IOptions<AutoSetupOptions> options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await setup.MigrateAsync(cancellationToken);
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
