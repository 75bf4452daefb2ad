using Correlation.Contracts;
using Correlation.Correlator.Live;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Correlation.Correlator.Consumers;

public sealed class AlarmReceivedConsumer(LiveCorrelator correlator) : IConsumer<AlarmReceived>
{
    public async Task Consume(ConsumeContext<AlarmReceived> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var incidentEvent in await correlator.CorrelateAsync(context.Message.Alarm, context.CancellationToken))
        {
            await context.Publish(incidentEvent, incidentEvent.GetType(), context.CancellationToken);
        }
    }
}

public sealed class AlarmReceivedConsumerDefinition : ConsumerDefinition<AlarmReceivedConsumer>
{
    private readonly IOptions<CorrelatorOptions> _options;

    public AlarmReceivedConsumerDefinition(IOptions<CorrelatorOptions> options)
    {
        _options = options;
        ConcurrentMessageLimit = options.Value.ConcurrentMessageLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<AlarmReceivedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.PrefetchCount = Math.Max(16, _options.Value.ConcurrentMessageLimit * 2);
    }
}
