using MassTransit;

namespace Correlation.Router;

/// <summary>Where the router's plain classes publish the events they decide on: the consumer's context, the bus, or a test's list.</summary>
public interface IRouterEvents
{
    /// <param name="messageId">The message's id when it follows from what the message is (<see cref="ServiceDefaults.DerivedMessageId"/>); else the bus picks one.</param>
    Task PublishAsync(object message, CancellationToken cancellationToken, Guid? messageId = null);
}

/// <summary>Publishes through MassTransit: a consumer's context (so the events carry its conversation) or the bus.</summary>
public sealed class PublishedEvents(IPublishEndpoint endpoint) : IRouterEvents
{
    public Task PublishAsync(object message, CancellationToken cancellationToken, Guid? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return messageId is { } id
            ? endpoint.Publish(message, message.GetType(), c => c.MessageId = id, cancellationToken)
            : endpoint.Publish(message, message.GetType(), cancellationToken);
    }
}
