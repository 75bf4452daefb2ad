using Correlation.Contracts;
using Correlation.Correlator.Live;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Consumers;

/// <summary>
/// Takes alarms off the broker in small batches (up to Correlator:BatchSize, or whatever arrived within
/// Correlator:BatchWait) so that alarms that arrive together are decided in the order they were observed,
/// not in whatever order concurrent deliveries happen to finish; then publishes the incident events.
/// A failed batch is retried whole: alarms already applied are recognised by their idempotency keys.
/// </summary>
public sealed class AlarmReceivedConsumer(LiveCorrelator correlator) : IConsumer<Batch<AlarmReceived>>
{
    public async Task Consume(ConsumeContext<Batch<AlarmReceived>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alarms = context.Message.Select(m => m.Message.Alarm).ToList();
        var events = await correlator.CorrelateAsync(alarms, context.CancellationToken);
        await Task.WhenAll(events.Select(e => context.Publish(e, e.GetType(), context.CancellationToken)));
    }
}

public sealed class AlarmReceivedConsumerDefinition : ConsumerDefinition<AlarmReceivedConsumer>
{
    private readonly IOptions<CorrelatorOptions> _options;

    public AlarmReceivedConsumerDefinition(IOptions<CorrelatorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        ConcurrentMessageLimit = options.Value.BatchSize * options.Value.BatchConcurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AlarmReceivedConsumer> consumerConfigurator, IRegistrationContext context)
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
