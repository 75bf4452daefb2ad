using MassTransit;

namespace Correlation.Router;

/// <summary>Where the router's plain classes publish the events they decide on: the consumer's context, the bus, or a test's list.</summary>
public interface IRouterEvents
{
    Task PublishAsync(object message, CancellationToken cancellationToken);
}

/// <summary>Publishes through MassTransit: a consumer's context (so the events carry its conversation) or the bus.</summary>
public sealed class PublishedEvents(IPublishEndpoint endpoint) : IRouterEvents
{
    public Task PublishAsync(object message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return endpoint.Publish(message, message.GetType(), cancellationToken);
    }
}
