using Correlation.Contracts;
using Correlation.Triage.Priority;
using MassTransit;

namespace Correlation.Triage.Consumers;

/// <summary>Operators' commands and records: watch an incident, change its checklist, record its root cause.</summary>
public sealed class TriageCommandsConsumer(IncidentTriager triager) :
    IConsumer<WatchIncident>, IConsumer<UpdateChecklist>, IConsumer<IncidentRootCauseRecorded>
{
    public async Task Consume(ConsumeContext<WatchIncident> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.PublishAsync(triager, await triager.OnWatchAsync(context.Message));
    }

    public async Task Consume(ConsumeContext<UpdateChecklist> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.PublishAsync(triager, await triager.OnChecklistAsync(context.Message));
    }

    public Task Consume(ConsumeContext<IncidentRootCauseRecorded> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return triager.OnRootCauseAsync(context.Message);
    }
}
