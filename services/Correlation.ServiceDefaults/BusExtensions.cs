using MassTransit;
using Microsoft.Extensions.DependencyInjection;
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
        var temporary = bool.TryParse(builder.Configuration[$"{RabbitMqOptions.SectionName}:{nameof(RabbitMqOptions.TemporaryQueues)}"], out var yes) && yes;

        // The host is not started (and ingest does not answer) until every receive endpoint has
        // declared and bound its queue: an alarm published before the binding exists would be dropped.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromMinutes(2);
        });
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(prefix.Length > 0 ? prefix : null, false));
            bus.ApplyBusConsumers(builder.Services);
            // Consumers lean on Redis: a brief hiccup is retried in place before the message is
            // faulted to the endpoint's error queue, where it stays for inspection.
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                endpoint.UseMessageRetry(r => r.Intervals(100, 500, 2000));
                if (temporary && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    rabbit.AutoDelete = true;
                }
            });
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
