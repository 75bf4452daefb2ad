using System.Text.Json.Serialization;
using Correlation.ServiceDefaults.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.ServiceDefaults;

/// <summary>Cross-cutting hosting that every service shares: options, Redis, telemetry, health.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddSingleton(TimeProvider.System);

        services.AddOptions<RabbitMqOptions>()
            .Bind(builder.Configuration.GetSection(RabbitMqOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Url is { IsAbsoluteUri: true } && o.Url.Scheme is "amqp" or "amqps",
                "RabbitMq:Url must be an absolute amqp:// or amqps:// URI.")
            .Validate(o => !(o.TemporaryQueues && o.QueueType == RabbitMqQueueType.Quorum),
                "RabbitMq:TemporaryQueues needs classic queues: a quorum queue cannot be auto-delete (leave RabbitMq:QueueType unset or Classic).")
            .ValidateOnStart();
        services.AddOptions<RedisOptions>()
            .Bind(builder.Configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // One multiplexer per process; it reconnects by itself, so a slow Redis at start is not fatal.
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });

        // Connect at start, not on the first alarm: a storm's first messages would otherwise all block
        // thread-pool threads waiting for the one connect, starving the broker's confirm callbacks.
        services.AddHostedService<RedisConnector>();

        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        builder.AddApiAccess();
        builder.AddListenerSecurity();

        services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);

        builder.AddCorrelationTelemetry();

        return builder;
    }

    /// <summary>Health endpoints and the Prometheus scrape endpoint, for hosts that serve HTTP.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private sealed class RedisConnector(IServiceProvider services) : IHostedService
    {
        // Started in the background so that a Redis that is down does not hold up the host; the
        // multiplexer keeps reconnecting by itself and health/ready reports it meanwhile.
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = Task.Run(() => services.GetRequiredService<IConnectionMultiplexer>(), CancellationToken.None);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer", ex);
            }
        }
    }
}
