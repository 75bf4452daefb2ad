using Correlation.ServiceDefaults;
using MassTransit;
using MassTransit.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Correlation.Testing;

/// <summary>
/// A service's web host on MassTransit's in-memory test harness instead of RabbitMQ, for fast tests of
/// endpoints and consumers. <paramref name="addService"/> is the service's own Add... extension.
/// </summary>
public static class HarnessHost
{
    public static async Task<LocalWebHost> StartAsync(
        Action<IHostApplicationBuilder> addService,
        Action<WebApplication>? map = null,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(addService);
        var all = new Dictionary<string, string>
        {
            // Options are validated at start; the harness replaces the broker, and Redis is only
            // reached by tests that name the real one.
            ["RabbitMq:Url"] = "amqp://unused:unused@127.0.0.1:1/",
            ["Redis:Configuration"] = "127.0.0.1:1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var builder = WebApplication.CreateBuilder(LocalWebHost.LoopbackArgs(all));
        builder.AddServiceDefaults();
        addService(builder);
        var services = builder.Services;
        // Before configureServices, so that a test whose consumers do slow first work can wait longer.
        services.Configure<TestHarnessOptions>(o => o.TestInactivityTimeout = TimeSpan.FromSeconds(1));
        configureServices?.Invoke(services);
        services.AddMassTransitTestHarness(bus => bus.ApplyBusConsumers(services));

        var app = builder.Build();
        map?.Invoke(app);
        return await LocalWebHost.StartAsync(app);
    }

    public static ITestHarness Harness(this LocalWebHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Services.GetRequiredService<ITestHarness>();
    }
}
