using System.ComponentModel.DataAnnotations;

namespace Correlation.ServiceDefaults;

/// <summary>Where the broker is. Bound from the "RabbitMq" configuration section.</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";

    /// <summary>amqp://user:password@host:port/vhost</summary>
    [Required]
    public Uri Url { get; set; } = null!;

    /// <summary>
    /// Prefix for every exchange and queue this process declares, so that several pipelines (or test
    /// runs) can share one broker without seeing each other's messages. Empty in a normal deployment.
    /// </summary>
    [RegularExpression("^[a-z0-9-]*$", ErrorMessage = "EntityPrefix may hold only lower-case letters, digits and '-'.")]
    public string EntityPrefix { get; set; } = "";

    /// <summary>
    /// Queues go away when their last consumer does: for test runs and benchmarks, whose queues would
    /// otherwise pile up in the broker. Never in a deployment (messages would be lost with them).
    /// Temporary queues are classic auto-delete queues: a quorum queue cannot be auto-delete, so
    /// <see cref="QueueType"/> must then be left unset or be <see cref="RabbitMqQueueType.Classic"/>.
    /// </summary>
    public bool TemporaryQueues { get; set; }

    /// <summary>
    /// The type of the services' receive-endpoint queues. Unset: quorum queues (replicated on a cluster,
    /// with a delivery limit), or classic auto-delete ones when <see cref="TemporaryQueues"/> is set.
    /// A queue keeps the type it was declared with: switching an existing broker means deleting the old queues.
    /// </summary>
    public RabbitMqQueueType? QueueType { get; set; }

    /// <summary>
    /// How many times a quorum queue hands out one message before the broker moves it to the endpoint's
    /// <c>_error</c> queue: the backstop for a message that kills its consumer's process before MassTransit
    /// can fault it (classic queues have no such limit).
    /// </summary>
    [Range(2, 1000)]
    public int DeliveryLimit { get; set; } = 10;

    /// <summary>
    /// In-place retries of a message whose consumer failed for any reason other than an unreachable Redis or
    /// broker, before it is faulted to the endpoint's <c>_error</c> queue (after 100 ms, 500 ms, 2 s, then 5 s each).
    /// </summary>
    [Range(0, 20)]
    public int Retries { get; set; } = 3;

    /// <summary>
    /// How long a message whose consumer cannot reach Redis or the broker is retried in place, backing off
    /// up to 10 s between tries, before it is faulted: long enough to ride out a restart of either server.
    /// The message stays unacknowledged meanwhile, so a crash of the consumer hands it back to the broker.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TransientRetryFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a publish may wait for the broker's confirm before the caller is told it failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
