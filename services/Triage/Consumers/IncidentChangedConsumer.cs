using Correlation.Contracts;
using Correlation.Triage.Priority;
using MassTransit;

namespace Correlation.Triage.Consumers;

public sealed class IncidentChangedConsumer(IncidentTriager triager) : IConsumer<IncidentOpened>, IConsumer<IncidentUpdated>, IConsumer<IncidentMerged>
{
    public Task Consume(ConsumeContext<IncidentOpened> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TriageAsync(context, context.Message.Incident);
    }

    public Task Consume(ConsumeContext<IncidentUpdated> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TriageAsync(context, context.Message.Incident);
    }

    /// <summary>The survivor of a merge has new members: its priority is decided again.</summary>
    public Task Consume(ConsumeContext<IncidentMerged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TriageAsync(context, context.Message.Incident);
    }

    private async Task TriageAsync(ConsumeContext context, IncidentSnapshot incident)
    {
        if (await triager.TriageAsync(incident) is { } triaged)
        {
            await context.Publish(triaged, context.CancellationToken);
        }
    }
}
