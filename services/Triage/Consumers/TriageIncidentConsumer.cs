using Correlation.Contracts;
using Correlation.Triage.Priority;
using MassTransit;

namespace Correlation.Triage.Consumers;

/// <summary>Every incident event goes to the triager; what it decides is published, then confirmed as sent.</summary>
public sealed class TriageIncidentConsumer(IncidentTriager triager) :
    IConsumer<IncidentOpened>, IConsumer<IncidentUpdated>, IConsumer<IncidentMerged>, IConsumer<IncidentResolved>,
    IConsumer<IncidentReopened>, IConsumer<AlarmsMoved>
{
    public async Task Consume(ConsumeContext<IncidentOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var opened = context.Message;
        await context.PublishAsync(triager, await triager.OnIncidentAsync(opened.Incident, [.. opened.Earlier ?? [], opened.Alarm], []));
    }

    public async Task Consume(ConsumeContext<IncidentUpdated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var updated = context.Message;
        await context.PublishAsync(triager, await triager.OnIncidentAsync(updated.Incident, [.. updated.Earlier ?? [], updated.Alarm], []));
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
        consumerConfigurator.Message<IncidentUpdated>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentMerged>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentResolved>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<IncidentReopened>(m => m.UsePartitioner(partitioner, c => c.Message.Incident.IncidentId));
        consumerConfigurator.Message<AlarmsMoved>(m => m.UsePartitioner(partitioner, c => c.Message.From.IncidentId));
    }
}
