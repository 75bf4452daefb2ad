using Correlation.Contracts;
using Correlation.Router.Routing;
using MassTransit;

namespace Correlation.Router.Consumers;

public sealed class IncidentTriagedConsumer(IncidentRouter router) : IConsumer<IncidentTriaged>
{
    public async Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await router.RouteAsync(context.Message) is { } routed)
        {
            await context.Publish(routed, context.CancellationToken);
        }
    }
}
