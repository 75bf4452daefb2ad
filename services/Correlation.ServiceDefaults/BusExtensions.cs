using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Correlation.ServiceDefaults;

/// <summary>
/// One MassTransit bus per process. Each service adds its consumers with <see cref="AddBusConsumers"/>;
/// the host calls <see cref="AddCorrelationBus"/> once, after every service, so that the same
/// services compose into one process or run alone.
/// </summary>
public static class BusExtensions
{
    public static IServiceCollection AddBusConsumers(this IServiceCollection services, Action<IBusRegistrationConfigurator> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new BusConsumerRegistration(configure));
        return services;
    }

    /// <summary>Applies every service's consumer registrations; also used by tests with the in-memory harness.</summary>
    public static void ApplyBusConsumers(this IBusRegistrationConfigurator bus, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registrations = services
            .Where(d => d.ServiceType == typeof(BusConsumerRegistration))
            .Select(d => (BusConsumerRegistration)d.ImplementationInstance!)
            .ToList();
        foreach (var registration in registrations)
        {
            registration.Configure(bus);
        }
    }

    /// <summary>The RabbitMQ bus with every consumer the services registered before this call.</summary>
    public static IHostApplicationBuilder AddCorrelationBus(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var prefix = builder.Configuration[$"{RabbitMqOptions.SectionName}:{nameof(RabbitMqOptions.EntityPrefix)}"] ?? "";

        // The host is not started (and ingest does not answer) until every receive endpoint has
        // declared and bound its queue: an alarm published before the binding exists would be dropped.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromMinutes(2);
        });
        builder.Services.AddFaultCounting();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix.Length > 0 ? prefix : null, false));
            bus.ApplyBusConsumers(builder.Services);
            bus.AddEndpointPolicies();
            bus.UsingRabbitMq((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                var (user, password) = Credentials(options.Url);
                var vhost = Uri.UnescapeDataString(options.Url.AbsolutePath.TrimStart('/'));
                var tls = options.Url.Scheme == "amqps";
                cfg.Host(options.Url.Host, (ushort)(options.Url.IsDefaultPort ? (tls ? 5671 : 5672) : options.Url.Port),
                    vhost.Length == 0 ? "/" : vhost, h =>
                    {
                        h.Username(user);
                        h.Password(password);
                        if (tls)
                        {
                            h.UseSsl(ssl => ssl.ServerName = options.Url.Host);
                        }

                        // A publish completes only once the broker confirms it: ingest answers 2xx on that.
                        h.PublisherConfirmation = true;
                    });
                if (prefix.Length > 0)
                {
                    cfg.MessageTopology.SetEntityNameFormatter(
                        new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, prefix + "."));
                }

                cfg.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>
    /// The retry policy (<see cref="UseRetries"/>) and, on RabbitMQ, the queue declarations (<see cref="DeclareQueue"/>)
    /// of every receive endpoint the services' consumers get. <see cref="AddCorrelationBus"/> applies them; tests on
    /// the in-memory harness may too.
    /// </summary>
    public static void AddEndpointPolicies(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConfigureEndpointsCallback((context, name, endpoint) =>
        {
            var options = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
            UseRetries(endpoint, options);
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                DeclareQueue(rabbit, name, options);
            }
        });
    }

    /// <summary>
    /// The counter of faulted messages (<see cref="BusTelemetry"/>) and their ledger (<see cref="DeadLetterLedger"/>),
    /// fed by an observer of every receive endpoint.
    /// </summary>
    public static IServiceCollection AddFaultCounting(this IServiceCollection services)
    {
        services.AddSingleton<BusTelemetry>();
        services.AddSingleton<DeadLetterLedger>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddReceiveObserver<FaultCountingObserver>();
        return services;
    }

    /// <summary>
    /// Every consumer's retry policy, in two layers. A consumer that cannot reach Redis or the broker is
    /// retried in place, backing off, for <see cref="RabbitMqOptions.TransientRetryFor"/>: a restart of either
    /// server is ridden out with the message still unacknowledged (a crash meanwhile hands it back to the
    /// broker). Any other failure is retried <see cref="RabbitMqOptions.Retries"/> times quickly, then the
    /// message is faulted to the endpoint's <c>_error</c> queue with the exception in its headers. MassTransit's
    /// delayed redelivery is not used: on RabbitMQ it needs the delayed-message-exchange plugin, which Debian's
    /// 3.10 does not ship (and which does not replicate on a cluster). Consumers are idempotent (idempotency keys,
    /// incident versions), so a message tried again after a partial success does no harm.
    /// </summary>
    public static void UseRetries(IReceiveEndpointConfigurator endpoint, RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(TransientFailures.Is);
            r.Intervals([.. TransientIntervals(options.TransientRetryFor)]);
        });
        if (options.Retries > 0)
        {
            endpoint.UseMessageRetry(r =>
            {
                r.Ignore<Exception>(TransientFailures.Is);
                r.Intervals([.. Enumerable.Range(0, options.Retries).Select(QuickInterval)]);
            });
        }
    }

    /// <summary>200 ms, doubling up to 10 s, until the waits add up to <paramref name="total"/>.</summary>
    public static IEnumerable<TimeSpan> TransientIntervals(TimeSpan total)
    {
        var waited = TimeSpan.Zero;
        for (var next = TimeSpan.FromMilliseconds(200); waited < total; next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, MaxTransientWait.Ticks)))
        {
            yield return next;
            waited += next;
        }
    }

    private static readonly TimeSpan MaxTransientWait = TimeSpan.FromSeconds(10);

    private static TimeSpan QuickInterval(int attempt) => attempt switch
    {
        0 => TimeSpan.FromMilliseconds(100),
        1 => TimeSpan.FromMilliseconds(500),
        2 => TimeSpan.FromSeconds(2),
        _ => TimeSpan.FromSeconds(5),
    };

    /// <summary>
    /// Quorum queues (the default) with the broker's delivery limit, dead-lettering to the endpoint's
    /// <c>_error</c> exchange: a message that kills its consumer's process again and again (so that MassTransit
    /// never gets to fault it) ends in the same <c>_error</c> queue as the ones MassTransit faults, with the
    /// broker's <c>x-death</c> header saying why. Temporary queues (tests) are classic auto-delete ones.
    /// </summary>
    public static void DeclareQueue(IRabbitMqReceiveEndpointConfigurator rabbit, string queueName, RabbitMqOptions options)
    {
        ArgumentNullException.ThrowIfNull(rabbit);
        ArgumentNullException.ThrowIfNull(options);
        var type = options.QueueType ?? (options.TemporaryQueues ? RabbitMqQueueType.Classic : RabbitMqQueueType.Quorum);
        if (options.TemporaryQueues)
        {
            rabbit.AutoDelete = true;
            return;
        }

        if (type == RabbitMqQueueType.Quorum)
        {
            rabbit.SetQuorumQueue();
            rabbit.SetQueueArgument("x-delivery-limit", options.DeliveryLimit);
            rabbit.BindDeadLetterQueue(queueName + "_error", queueName + "_error");
        }
    }

    private static (string User, string Password) Credentials(Uri url)
    {
        var parts = url.UserInfo.Split(':', 2);
        var user = parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : "guest";
        var password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "guest";
        return (user, password);
    }

    /// <summary>A service's consumer registrations, held until the host builds its one bus.</summary>
    public sealed record BusConsumerRegistration(Action<IBusRegistrationConfigurator> Configure);
}
