using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Correlation.ServiceDefaults;

/// <summary>
/// Metrics and traces for every service: our own meters and activity sources (all named "Correlation.*"),
/// MassTransit's, and ASP.NET Core's. Metrics are scraped at /metrics (see <see cref="ServiceDefaultsExtensions.MapServiceDefaults"/>);
/// traces (with the metrics and logs) also go to an OpenTelemetry collector when OTEL_EXPORTER_OTLP_ENDPOINT names one.
/// deploy/grafana/README.md lists the metrics.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Meters and activity sources of our own all start with this, so one wildcard takes them all.</summary>
    public const string NamePrefix = "Correlation.";

    /// <summary>MassTransit's activity source and meter: its spans carry the trace from one hop to the next in the message headers.</summary>
    public const string MassTransitName = "MassTransit";

    /// <summary>The standard variable that names the collector that traces, metrics and logs are sent to; unset, traces stay in the process.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddCorrelationTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddMeter(NamePrefix + "*")
                .AddMeter(MassTransitName)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(NamePrefix + "*")
                .AddSource(MassTransitName)
                // Scrapes and health probes every few seconds would bury the alarms' traces.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsInfrastructure(http.Request.Path)));
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsInfrastructure(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.Ordinal) || path.StartsWithSegments("/health", StringComparison.Ordinal);
}
