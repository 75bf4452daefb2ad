using Correlation.Contracts;
using Correlation.Correlator.Operations;
using MassTransit;

namespace Correlation.Correlator.Consumers;

/// <summary>
/// Operators' commands on incidents, from the console: carried out by <see cref="OperatorActions"/>, whose
/// events (or refusal) are published. A redelivered command finds its work done and publishes the same
/// versions again, which consumers drop.
/// </summary>
public sealed class OperatorCommandsConsumer(OperatorActions actions) :
    IConsumer<MergeIncidents>, IConsumer<SplitIncident>, IConsumer<MoveAlarms>,
    IConsumer<ResolveIncident>, IConsumer<ReopenIncident>, IConsumer<ConfirmGrouping>
{
    public async Task Consume(ConsumeContext<MergeIncidents> context) =>
        await PublishAsync(context, await actions.MergeAsync(Message(context), context.CancellationToken));

    public async Task Consume(ConsumeContext<SplitIncident> context) =>
        await PublishAsync(context, await actions.SplitAsync(Message(context), context.CancellationToken));

    public async Task Consume(ConsumeContext<MoveAlarms> context) =>
        await PublishAsync(context, await actions.MoveAsync(Message(context), context.CancellationToken));

    public async Task Consume(ConsumeContext<ResolveIncident> context) =>
        await PublishAsync(context, await actions.ResolveAsync(Message(context), context.CancellationToken));

    public async Task Consume(ConsumeContext<ReopenIncident> context) =>
        await PublishAsync(context, await actions.ReopenAsync(Message(context), context.CancellationToken));

    public async Task Consume(ConsumeContext<ConfirmGrouping> context) =>
        await PublishAsync(context, await actions.ConfirmAsync(Message(context), context.CancellationToken));

    private static T Message<T>(ConsumeContext<T> context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Message;
    }

    private static Task PublishAsync(ConsumeContext context, OperatorOutcome outcome) =>
        Task.WhenAll(outcome.Events.Select(e => context.Publish(e, e.GetType(), context.CancellationToken)));
}
