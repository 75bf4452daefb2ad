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
    /// A receive endpoint's queue named explicitly (a consumer definition's EndpointName), with the prefix that
    /// the endpoint name formatter gives every other queue: MassTransit uses an explicit name as it is.
    /// </summary>
    public string QueueName(string name) => EntityPrefix.Length > 0 ? $"{EntityPrefix}-{name}" : name;

    /// <summary>
    /// Queues go away when their last consumer does: for test runs and benchmarks, whose queues would
    /// otherwise pile up in the broker. Never in a deployment (messages would be lost with them).
    /// </summary>
    public bool TemporaryQueues { get; set; }

    /// <summary>How long a publish may wait for the broker's confirm before the caller is told it failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
