using Correlation.Correlator.Consumers;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Windows;
using Correlation.ServiceDefaults;
using MassTransit;

namespace Correlation.Correlator;

public static class CorrelatorExtensions
{
    public static IHostApplicationBuilder AddCorrelator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<CorrelatorOptions>()
            .Bind(builder.Configuration.GetSection(CorrelatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<CorrelatorTelemetry>();
        builder.Services.AddSingleton<CorrelatorKeys>();
        builder.Services.AddSingleton<CorrelationWindowStore>();
        builder.Services.AddSingleton<CorrelationEngine>();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<AlarmReceivedConsumer, AlarmReceivedConsumerDefinition>());
        return builder;
    }
}
