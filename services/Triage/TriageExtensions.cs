using Correlation.ServiceDefaults;
using Correlation.Triage.Consumers;
using Correlation.Triage.Priority;
using MassTransit;

namespace Correlation.Triage;

public static class TriageExtensions
{
    public static IHostApplicationBuilder AddTriage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PriorityPolicy>();
        builder.Services.AddSingleton<TriageStore>();
        builder.Services.AddSingleton<IncidentTriager>();
        builder.Services.AddBusConsumers(bus => bus.AddConsumer<IncidentChangedConsumer>());
        return builder;
    }
}
