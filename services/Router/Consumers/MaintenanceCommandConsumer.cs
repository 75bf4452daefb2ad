using Correlation.Contracts;
using Correlation.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Correlation.Router.Consumers;

/// <summary>ScheduleMaintenance and CancelMaintenance, handed to <see cref="IncidentRouter"/>.</summary>
public sealed class MaintenanceCommandConsumer(IncidentRouter router) : IConsumer<ScheduleMaintenance>, IConsumer<CancelMaintenance>
{
    public Task Consume(ConsumeContext<ScheduleMaintenance> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.ScheduleMaintenanceAsync(context.Message);
    }

    public Task Consume(ConsumeContext<CancelMaintenance> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return router.CancelMaintenanceAsync(context.Message);
    }
}

public sealed class MaintenanceCommandConsumerDefinition : ConsumerDefinition<MaintenanceCommandConsumer>
{
    public MaintenanceCommandConsumerDefinition(IOptions<RabbitMqOptions> rabbitMq)
    {
        ArgumentNullException.ThrowIfNull(rabbitMq);
        EndpointName = rabbitMq.Value.QueueName("router-maintenance");
    }
}
