using Correlation.Router.Configuration;
using Correlation.Router.Consumers;
using Correlation.Router.Delivery;
using Correlation.Router.Escalation;
using Correlation.Router.Maintenance;
using Correlation.Router.Projection;
using Correlation.Router.Rules;
using Correlation.Router.Teams;
using Correlation.ServiceDefaults;
using Correlation.Topology;
using MassTransit;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Correlation.Router;

public static class RouterExtensions
{
    /// <summary>
    /// The router: its consumers, the timer sweeper and the delivery worker, the routing files named by
    /// Router:ConfigFiles (checked at start: a bad file stops the host with file, line and reason), and
    /// the CMDB when Topology:CmdbPath is set (for maintenance scopes).
    /// </summary>
    public static IHostApplicationBuilder AddRouter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RouterOptions>()
            .Bind(builder.Configuration.GetSection(RouterOptions.SectionName))
            .PostConfigure<IHostEnvironment>((options, environment) =>
                options.ConfigFiles = [.. options.ConfigFiles.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => Path.GetFullPath(f, environment.ContentRootPath))])
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RouterOptions>, RoutingFilesValidator>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{TopologyOptions.SectionName}:{nameof(TopologyOptions.CmdbPath)}"]))
        {
            builder.AddTopology();
        }

        services.AddSingleton(sp =>
        {
            var files = sp.GetRequiredService<IOptions<RouterOptions>>().Value.ConfigFiles;
            var config = files.Count == 0 ? RoutingConfigLoader.BuiltIn : RoutingConfigLoader.Load(files);
            sp.GetRequiredService<ILogger<RoutingConfig>>().ConfigLoaded(files.Count == 0 ? "(built-in defaults)" : string.Join(", ", files),
                config.Rules.Count, config.Webhooks.Count, config.Roster.Functions.Count, config.Maintenance.Count);
            return config;
        });
        services.AddSingleton<RouterKeys>();
        services.AddSingleton<RouterTelemetry>();
        services.AddSingleton<RoutingRules>();
        services.AddSingleton<Roster>();
        services.AddSingleton<TeamBuilder>();
        services.AddSingleton<EscalationPolicy>();
        services.AddSingleton<IncidentProjectionStore>();
        services.AddSingleton<TimerStore>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<DeliveryOutbox>();
        services.AddSingleton<MaintenanceStore>();
        services.AddSingleton<MaintenanceCalendar>();
        services.AddSingleton(sp => new MaintenanceScopes(sp.GetService<TopologyProvider>()));
        services.AddSingleton<IncidentRouter>();
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<TimerSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerSweeper>());
        services.AddSingleton<DeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());

        // Outbound webhooks fail transiently (the receiver restarts, a proxy hiccups): retried in place with
        // jittered back-off, each attempt bounded, and a host that keeps failing is left alone for a while
        // (one breaker per host, so one dead receiver does not stop the others). What still fails goes back
        // to the outbox, whose retries are the long-term ones.
        // The client factory's own request logs name each URL, and a Slack or Teams incoming webhook's URL is its
        // secret: they stay off. Failures are logged by the delivery worker, by delivery key.
        services.AddHttpClient(DeliverySender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("router-webhooks", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<RouterOptions>>().Value;
                if (options.WebhookRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.WebhookRetries,
                        Delay = options.WebhookRetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 10,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = options.WebhookBreakDuration,
                });
                pipeline.AddTimeout(options.WebhookAttemptTimeout);
            })
            .SelectPipelineByAuthority();

        services.AddBusConsumers(bus =>
        {
            bus.AddConsumer<IncidentRoutingConsumer, IncidentRoutingConsumerDefinition>();
            bus.AddConsumer<MaintenanceCommandConsumer>();
        });
        return builder;
    }

    /// <summary>Reads the routing files at start, so that a bad one stops the host with every problem in it.</summary>
    private sealed class RoutingFilesValidator : IValidateOptions<RouterOptions>
    {
        public ValidateOptionsResult Validate(string? name, RouterOptions options)
        {
            try
            {
                RoutingConfigLoader.Load(options.ConfigFiles);
                return ValidateOptionsResult.Success;
            }
            catch (RoutingConfigException e)
            {
                return ValidateOptionsResult.Fail(e.Problems.Select(p => "Router:ConfigFiles: " + p));
            }
        }
    }
}
