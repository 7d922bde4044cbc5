using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CrmPlatform.Core.Operations;

/// <summary>
/// The platform's traces and metrics. Modules create activities with <see cref="Source"/> and instruments on
/// <see cref="Meter"/> (e.g. the send queue's counters); ASP.NET Core, EF Core, HttpClient and the runtime are
/// instrumented. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>Telemetry:OtlpEndpoint</c>) is set.
/// </summary>
public static class CrmTelemetry
{
    public const string Name = "CrmPlatform";
    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> EventsDelivered = Meter.CreateCounter<long>("crm.outbox.delivered", description: "Domain events delivered to their handlers");
    public static readonly Counter<long> EventsFailed = Meter.CreateCounter<long>("crm.outbox.failed", description: "Domain event deliveries that failed (retried later)");

    internal static void AddCrmTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["Telemetry:OtlpEndpoint"] ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Name, serviceInstanceId: Background.WorkQueue.NodeId))
            .WithMetrics(metrics => metrics
                .AddMeter(Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            // Traces only when they go somewhere: recording an activity per request and per SQL command (with its
            // statement text) that nothing exports was measurable CPU on the public submit path.
            telemetry.WithTracing(tracing => tracing
                .AddSource(Name)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation());
            builder.Services.Configure<OpenTelemetry.Exporter.OtlpExporterOptions>(options => options.Endpoint = new Uri(endpoint));
            telemetry.UseOtlpExporter();
        }
    }
}
