using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Router.Configuration;
using Correlation.Router.Projection;
using Correlation.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Correlation.Router.Delivery;

/// <summary>
/// Sends one delivery: a webhook call through the "router-webhooks" HttpClient (Polly retry with jitter,
/// circuit breaker per host, attempt timeout), or a message sent to a RabbitMQ queue.
/// Throws when the delivery did not get through; the worker keeps it for later.
/// </summary>
public sealed class DeliverySender(
    RoutingConfig config,
    IHttpClientFactory httpClients,
    ISendEndpointProvider sendEndpoints,
    IOptions<RabbitMqOptions> rabbit)
{
    public const string HttpClientName = "router-webhooks";

    public async Task SendAsync(ChannelDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!Destination.TryParse(delivery.Channel, out var channel) || channel.Kind == DestinationKind.Function)
        {
            throw new DeliveryException($"'{delivery.Channel}' is not a channel");
        }

        if (channel.Kind == DestinationKind.Queue)
        {
            await SendToQueueAsync(channel.Name, delivery, cancellationToken);
            return;
        }

        if (!config.Webhooks.TryGetValue(channel.Name, out var target))
        {
            throw new DeliveryException($"no webhook named '{channel.Name}' is configured (any more)");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new StringContent(WebhookPayloads.Format(target, delivery.Notice), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in target.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        // The receiver can drop a repeat: the key is the same for every try of one notification.
        request.Headers.TryAddWithoutValidation("Idempotency-Key", delivery.Key);
        using var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DeliveryException($"{target.Name} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
    }

    private async Task SendToQueueAsync(string queue, ChannelDelivery delivery, CancellationToken cancellationToken)
    {
        var prefix = rabbit.Value.EntityPrefix;
        var endpoint = await sendEndpoints.GetSendEndpoint(new Uri($"queue:{(prefix.Length > 0 ? prefix + "-" : "")}{queue}"));
        object message = delivery.MessageType switch
        {
            nameof(IncidentRouted) => JsonSerializer.Deserialize<IncidentRouted>(delivery.MessageJson!, IncidentProjectionStore.Json)!,
            nameof(IncidentEscalated) => JsonSerializer.Deserialize<IncidentEscalated>(delivery.MessageJson!, IncidentProjectionStore.Json)!,
            _ => delivery.Notice,
        };
        var messageId = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(delivery.Key)).AsSpan(0, 16));
        await endpoint.Send(message, message.GetType(), Pipe.Execute<SendContext>(c => c.MessageId = messageId), cancellationToken);
    }
}

/// <summary>A delivery that did not get through.</summary>
public sealed class DeliveryException : Exception
{
    public DeliveryException()
    {
    }

    public DeliveryException(string message)
        : base(message)
    {
    }

    public DeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
