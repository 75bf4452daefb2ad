namespace Correlation.ServiceDefaults;

/// <summary>The type of the receive-endpoint queues (<see cref="RabbitMqOptions.QueueType"/>).</summary>
public enum RabbitMqQueueType
{
    /// <summary>Replicated (Raft) queues with a delivery limit: the default for deployments.</summary>
    Quorum,

    /// <summary>Classic durable queues (auto-delete with <see cref="RabbitMqOptions.TemporaryQueues"/>).</summary>
    Classic,
}
