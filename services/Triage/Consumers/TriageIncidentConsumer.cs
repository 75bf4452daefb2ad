using Correlation.Contracts;
using Correlation.Triage.Priority;
using MassTransit;

namespace Correlation.Triage.Consumers;

/// <summary>Every incident event goes to the triager; what it decides is published, then confirmed as sent.</summary>
public sealed class TriageIncidentConsumer(IncidentTriager triager) :
    IConsumer<IncidentOpened>, IConsumer<IncidentMerged>, IConsumer<IncidentResolved>,
    IConsumer<IncidentReopened>, IConsumer<AlarmsMoved>
{
    public async Task Consume(ConsumeContext<IncidentOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = context.Message;
        await context.PublishAsync(triager, await triager.OnIncidentAsync(opened.Incident, [.. opened.Earlier ?? [], opened.Alarm], []));
    }

    public async Task Consume(ConsumeContext<IncidentMerged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var merged = context.Message;
        await context.PublishAsync(triager, await triager.OnIncidentAsync(merged.Incident, merged.Alarm, merged.Absorbed));
    }

    public async Task Consume(ConsumeContext<IncidentResolved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.PublishAsync(triager, await triager.OnIncidentAsync(context.Message.Incident, context.Message.Alarm, []));
    }

    public async Task Consume(ConsumeContext<IncidentReopened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.PublishAsync(triager, await triager.OnIncidentAsync(context.Message.Incident, (Alarm?)null, []));
    }

    public async Task Consume(ConsumeContext<AlarmsMoved> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.PublishAsync(triager, await triager.OnMovedAsync(context.Message));
    }
}

/// <summary>
/// Events of one incident are handled one at a time within a process (partitioned by incident id), so
/// they rarely race for its revision; across processes the store's compare-and-set keeps them apart.
/// </summary>
public sealed class TriageIncidentConsumerDefinition : ConsumerDefinition<TriageIncidentConsumer>
{
    private const int Partitions = 16;

    public TriageIncidentConsumerDefinition() => ConcurrentMessageLimit = Partitions;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TriageIncidentConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        var partitioner = endpointConfigurator.CreatePartitioner(Partitions);
        consumerConfigurator.Message<IncidentOpened>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentMerged>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentResolved>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentReopened>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<AlarmsMoved>(m => m.UsePartitioner(partitioner, c => c.Message.From.IncidentId));
    }
}

/// <summary>
/// Updates come in storms: they are taken in small batches, each incident's updates of a batch applied in order and
/// the incident triaged once, on the newest of them. Triage reads every member and assesses the network, so doing
/// that once for ten queued updates of one incident instead of ten times is what keeps it up with the correlator.
/// </summary>
public sealed class TriageUpdatesConsumer(IncidentTriager triager) : IConsumer<Batch<IncidentUpdated>>
{
    public async Task Consume(ConsumeContext<Batch<IncidentUpdated>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var incident in context.Message.Select(m => m.Message).GroupBy(u => u.Incident.IncidentId))
        {
            var updates = incident.OrderBy(u => u.Incident.Version).ToList();
            // Every alarm of the updates, oldest first, against the newest snapshot.
            var outcome = await triager.OnIncidentAsync(updates[^1].Incident, [.. updates.SelectMany(u => (u.Earlier ?? []).Append(u.Alarm))], []);
            await context.PublishAsync(triager, outcome);
        }
    }
}

public sealed class TriageUpdatesConsumerDefinition : ConsumerDefinition<TriageUpdatesConsumer>
{
    // A batch holds up to 200 updates; one batch at a time (SetConcurrencyLimit(1)) keeps each incident's updates in
    // order across batches.
    public TriageUpdatesConsumerDefinition() => ConcurrentMessageLimit = 200;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TriageUpdatesConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        endpointConfigurator.PrefetchCount = 400;
        consumerConfigurator.Options<BatchOptions>(batch => batch.SetMessageLimit(200).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(1));
    }
}
