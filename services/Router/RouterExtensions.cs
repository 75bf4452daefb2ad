using Correlation.Router.Consumers;
using Correlation.Router.Routing;
using Correlation.ServiceDefaults;
using MassTransit;

namespace Correlation.Router;

public static class RouterExtensions
{
    public static IHostApplicationBuilder AddRouter(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<RoutingPolicy>();
        builder.Services.AddSingleton<RouteStore>();
        builder.Services.AddSingleton<IncidentRouter>();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<IncidentTriagedConsumer>());
        return builder;
    }
}
