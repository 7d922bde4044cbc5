using CrmPlatform.Core.Features;
using CrmPlatform.Core.Modules;
using CrmPlatform.Core.Setup;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Scalar.AspNetCore;

namespace CrmPlatform.Core.Hosting;

public static class CrmApplicationExtensions
{
    /// <summary>The request pipeline and every module's endpoints.</summary>
    public static WebApplication UseCrmPlatform(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        app.UseForwardedHeaders();
        app.UseMiddleware<Security.SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        // The API answers every bare error status with problem details; screens show a friendly status page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), screens => screens.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<Security.NulCharacterGuardMiddleware>();
        app.UseMiddleware<SetupGateMiddleware>();
        // A disabled feature's routes do not exist, whoever asks: 404 before authentication can say 401/403.
        app.UseMiddleware<FeatureGateMiddleware>();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<Security.TwoFactorEnrolmentMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("CrmPlatform API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });

        foreach (var module in catalog.Modules)
        {
            var group = app.MapGroup("");
            if (!module.AlwaysEnabled)
            {
                group.WithMetadata(new FeatureMetadata(module.Id));
            }
            module.MapEndpoints(group);
        }
        return app;
    }

    // Each check's status and description, so an operator sees which part failed (no exception details).
    private static Task WriteHealthAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = (int)e.Value.Duration.TotalMilliseconds }),
        });

    /// <summary>
    /// Runs the site, or a maintenance command and exits: <c>migrate</c> applies migrations; <c>backup FILE</c> writes a
    /// consistent copy of the database; <c>restore FILE</c> replaces the database's content with a backup.
    /// </summary>
    public static async Task<int> RunCrmPlatformAsync(this WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal));
        switch (command)
        {
            case "migrate":
                await app.Services.GetRequiredService<SetupService>().MigrateAsync();
                Console.WriteLine("Database is up to date.");
                return 0;
            case "backup" or "restore":
                var file = args.SkipWhile(a => a != command).Skip(1).FirstOrDefault();
                if (string.IsNullOrWhiteSpace(file))
                {
                    Console.Error.WriteLine($"usage: {command} FILE");
                    return 2;
                }
                var backups = app.Services.GetRequiredService<Operations.BackupService>();
                try
                {
                    await (command == "backup" ? backups.BackupAsync(file) : backups.RestoreAsync(file));
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException)
                {
                    Console.Error.WriteLine(ex.Message);
                    return 1;
                }
                Console.WriteLine(command == "backup" ? $"Backed up to {Path.GetFullPath(file)}." : $"Restored from {Path.GetFullPath(file)}.");
                return 0;
            default:
                await app.RunAsync();
                return 0;
        }
    }
}

/// <summary>Until the site is set up, every screen leads to the setup page and the API answers 503.</summary>
internal sealed class SetupGateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SetupService setup)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/setup") || path.StartsWithSegments("/health") || path.StartsWithSegments("/_content")
            || path.StartsWithSegments("/lib") || path.StartsWithSegments("/status") || await setup.IsSetUpAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }
        if (path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = 503, Title = "The site is not set up yet.", Detail = "Open /setup in a browser first." },
            });
            return;
        }
        context.Response.Redirect("/setup");
    }
}
