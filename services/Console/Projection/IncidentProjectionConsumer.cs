using Correlation.Contracts;
using MassTransit;

namespace Correlation.Console.Projection;

/// <summary>Keeps the console's incident view and event stream up to date from every incident event.</summary>
public sealed class IncidentProjectionConsumer(IncidentViewStore store, IncidentEventSignal signal) :
    IConsumer<IncidentOpened>, IConsumer<IncidentUpdated>, IConsumer<IncidentResolved>, IConsumer<IncidentMerged>,
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

    /// <summary>The survivor takes the alarm; each absorbed incident's view shows it merged (its last version).</summary>
    public async Task Consume(ConsumeContext<IncidentMerged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var merged = context.Message;
        await Applied(store.ApplyAsync(merged.Incident, merged.Alarm, nameof(IncidentMerged), merged));
        foreach (var absorbed in merged.Absorbed)
        {
            await Applied(store.ApplyAsync(absorbed, merged.Alarm, nameof(IncidentMerged), merged));
        }
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
