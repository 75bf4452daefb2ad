using Correlation.Contracts;
using Correlation.Correlator.Live;
using MassTransit;
using MassTransit.Logging;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Consumers;

/// <summary>
/// Takes alarm messages off the broker in small batches (whatever arrived within Correlator:BatchWait, up
/// to Correlator:BatchSize messages), so that alarms that arrive together are decided in the order they
/// were observed, not in whatever order concurrent deliveries happen to finish. Their alarms are handed to
/// the correlator in slices of at most BatchSize, in the order taken (a message can carry many alarms);
/// then the incident events are published, each incident's alarms of the batch in one event. A failed batch
/// is retried whole: alarms already applied are recognised by their idempotency keys.
/// </summary>
public sealed class AlarmsReceivedConsumer(LiveCorrelator correlator, IOptions<CorrelatorOptions> options) : IConsumer<Batch<AlarmsReceived>>
{
    private readonly int _sliceSize = options.Value.BatchSize;

    public async Task Consume(ConsumeContext<Batch<AlarmsReceived>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alarms = context.Message.SelectMany(m => m.Message.Alarms).ToList();
        using var activity = CorrelatorTelemetry.StartBatch(context.Message.Select(m => m.Headers.Get<string>(DiagnosticHeaders.ActivityId)), alarms.Count);
        // Slices are handed in together: the correlator decides them one after another in this order,
        // each reading the window while the one before it decides.
        var decided = await Task.WhenAll(alarms.Chunk(_sliceSize)
            .Select(slice => correlator.CorrelateAsync(slice, context.CancellationToken)));
        // Each incident's alarms of this batch go as one message.
        await Task.WhenAll(IncidentEventBatch.Fold([.. decided.SelectMany(events => events)])
            .Select(e => context.Publish(e, e.GetType(), context.CancellationToken)));
    }
}

public sealed class AlarmsReceivedConsumerDefinition : ConsumerDefinition<AlarmsReceivedConsumer>
{
    private readonly IOptions<CorrelatorOptions> _options;

    public AlarmsReceivedConsumerDefinition(IOptions<CorrelatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        ConcurrentMessageLimit = options.Value.BatchSize * options.Value.BatchConcurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AlarmsReceivedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        var options = _options.Value;
        endpointConfigurator.PrefetchCount = options.BatchSize * options.BatchConcurrency * 2;
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(options.BatchSize)
            .SetTimeLimit(options.BatchWait)
            .SetConcurrencyLimit(options.BatchConcurrency));
    }
}
