using Correlation.Contracts;
using MassTransit;

namespace Correlation.Router.Consumers;

/// <summary>
/// Every message about one incident, handed to <see cref="IncidentRouter"/>. One consumer, so that one
/// partitioner (in the definition) keeps each incident's messages one at a time in this instance.
/// </summary>
public sealed class IncidentRoutingConsumer(IncidentRouter router) :
    IConsumer<IncidentOpened>, IConsumer<IncidentUpdated>, IConsumer<IncidentMerged>, IConsumer<IncidentResolved>,
    IConsumer<IncidentTriaged>, IConsumer<IncidentAcknowledged>, IConsumer<IncidentNoteAdded>, IConsumer<IncidentRootCauseRecorded>,
    IConsumer<IncidentReopened>, IConsumer<AlarmsMoved>
{
    public Task Consume(ConsumeContext<IncidentOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.IncidentChangedAsync(context.Message.Incident, context.Message.Alarm, new PublishedEvents(context), context.CancellationToken,
            context.Message.Earlier);
    }

    public Task Consume(ConsumeContext<IncidentUpdated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.IncidentChangedAsync(context.Message.Incident, context.Message.Alarm, new PublishedEvents(context), context.CancellationToken,
            context.Message.Earlier);
    }

    public Task Consume(ConsumeContext<IncidentReopened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.IncidentChangedAsync(context.Message.Incident, null, new PublishedEvents(context), context.CancellationToken);
    }

    /// <summary>An operator moved conditions: both incidents take their new state; the one they went to takes their places.</summary>
    public async Task Consume(ConsumeContext<AlarmsMoved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var moved = context.Message;
        var events = new PublishedEvents(context);
        await router.IncidentChangedAsync(moved.From, null, events, context.CancellationToken);
        await router.IncidentChangedAsync(moved.To, moved.Alarms.Count > 0 ? moved.Alarms[^1] : null, events, context.CancellationToken,
            [.. moved.Alarms.SkipLast(1)]);
    }

    public Task Consume(ConsumeContext<IncidentMerged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.MergedAsync(context.Message, new PublishedEvents(context), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<IncidentResolved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resolved = context.Message;
        // Said in the resolved notice: who resolved it and why, or why the correlator did (its expiry); else every member cleared.
        return router.IncidentChangedAsync(resolved.Incident, resolved.Alarm, new PublishedEvents(context), context.CancellationToken,
            resolution: resolved.Resolution());
    }

    public Task Consume(ConsumeContext<IncidentTriaged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.TriagedAsync(context.Message, new PublishedEvents(context), context.CancellationToken);
    }

    public Task Consume(ConsumeContext<IncidentAcknowledged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.AcknowledgedAsync(context.Message);
    }

    public Task Consume(ConsumeContext<IncidentNoteAdded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.ProgressedAsync(context.Message.IncidentId, context.Message.At);
    }

    public Task Consume(ConsumeContext<IncidentRootCauseRecorded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.ProgressedAsync(context.Message.IncidentId, context.Message.At);
    }
}

/// <summary>Messages of one incident are handled one at a time (by incident id); different incidents in parallel.</summary>
public sealed class IncidentRoutingConsumerDefinition : ConsumerDefinition<IncidentRoutingConsumer>
{
    private const int Partitions = 32;

    // The queue is named by the host's endpoint name formatter (with its entity prefix): a name set here would
    // skip the prefix and let every pipeline on the broker share one queue.
    public IncidentRoutingConsumerDefinition() => ConcurrentMessageLimit = Partitions;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<IncidentRoutingConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        var partitioner = endpointConfigurator.CreatePartitioner(Partitions);
        consumerConfigurator.Message<IncidentOpened>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentUpdated>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentMerged>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentResolved>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentTriaged>(m => m.UsePartitioner(partitioner, c => c.Message.IncidentId));
        consumerConfigurator.Message<IncidentAcknowledged>(m => m.UsePartitioner(partitioner, c => c.Message.IncidentId));
        consumerConfigurator.Message<IncidentNoteAdded>(m => m.UsePartitioner(partitioner, c => c.Message.IncidentId));
        consumerConfigurator.Message<IncidentRootCauseRecorded>(m => m.UsePartitioner(partitioner, c => c.Message.IncidentId));
        consumerConfigurator.Message<IncidentReopened>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<AlarmsMoved>(m => m.UsePartitioner(partitioner, c => c.Message.From.IncidentId));
    }
}
