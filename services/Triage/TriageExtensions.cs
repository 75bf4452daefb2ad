using Correlation.ServiceDefaults;
using Correlation.Topology;
using Correlation.Triage.Consumers;
using Correlation.Triage.Impact;
using Correlation.Triage.Policy;
using Correlation.Triage.Priority;
using Correlation.Triage.Similar;
using Correlation.Triage.Store;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Correlation.Triage;

public static class TriageExtensions
{
    /// <summary>
    /// Triage's options (checked at start), its policy (Triage:PolicyPath, else built-in; reloaded on change),
    /// stores and consumers. With Topology:CmdbPath set, impact comes from that CMDB (shared with other services
    /// in the same host); without it, incidents are classified from their alarms alone.
    /// </summary>
    public static IHostApplicationBuilder AddTriage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TriageOptions>()
            .Bind(builder.Configuration.GetSection(TriageOptions.SectionName))
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (!string.IsNullOrWhiteSpace(options.PolicyPath))
                {
                    options.PolicyPath = Path.GetFullPath(options.PolicyPath, environment.ContentRootPath);
                }
            })
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.PolicyPath) || File.Exists(o.PolicyPath),
                "Triage:PolicyPath names no file (leave it empty for the built-in policy).")
            .ValidateOnStart();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{TopologyOptions.SectionName}:{nameof(TopologyOptions.CmdbPath)}"]))
        {
            builder.AddTopology();
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TriageTelemetry>();
        services.AddSingleton(sp => new TriageTopology(sp.GetService<TopologyProvider>()));
        services.AddSingleton<PolicyProvider>(sp =>
            new PolicyProvider(sp.GetRequiredService<IOptions<TriageOptions>>(), sp.GetRequiredService<ILogger<PolicyProvider>>()));
        services.AddHostedService<PolicyWatcher>();
        services.AddSingleton<TriageStore>();
        services.AddSingleton<SimilarIncidentStore>();
        services.AddSingleton<IncidentTriager>();
        services.AddBusConsumers(bus =>
        {
            bus.AddConsumer<TriageIncidentConsumer, TriageIncidentConsumerDefinition>();
            bus.AddConsumer<TriageUpdatesConsumer, TriageUpdatesConsumerDefinition>();
            bus.AddConsumer<TriageCommandsConsumer>();
        });
        return builder;
    }
}
