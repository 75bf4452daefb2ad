using Correlation.Contracts;
using MassTransit;

namespace Correlation.Console.Projection;

/// <summary>Keeps the console's incident view and event stream up to date from every incident event.</summary>
public sealed class IncidentProjectionConsumer(IncidentViewStore store, IncidentEventSignal signal) :
    IConsumer<IncidentOpened>, IConsumer<IncidentUpdated>, IConsumer<IncidentResolved>,
    IConsumer<IncidentTriaged>, IConsumer<IncidentRouted>
{
    public Task Consume(ConsumeContext<IncidentOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message.Incident, context.Message.Alarm, nameof(IncidentOpened), context.Message));
    }

    public Task Consume(ConsumeContext<IncidentUpdated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message.Incident, context.Message.Alarm, nameof(IncidentUpdated), context.Message));
    }

    public Task Consume(ConsumeContext<IncidentResolved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message.Incident, context.Message.Alarm, nameof(IncidentResolved), context.Message));
    }

    public Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message));
    }

    public Task Consume(ConsumeContext<IncidentRouted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Applied(store.ApplyAsync(context.Message));
    }

    private async Task Applied(Task<string?> apply)
    {
        if (await apply is not null)
        {
            signal.Pulse();
        }
    }
}
