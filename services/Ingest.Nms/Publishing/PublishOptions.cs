using System.ComponentModel.DataAnnotations;

namespace Correlation.Ingest.Nms.Publishing;

/// <summary>How received alarms are batched onto the bus ("Nms:Publish").</summary>
public sealed class PublishOptions
{
    /// <summary>Most alarms in one confirmed publish.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a batch waits to fill once its first alarm arrived.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Alarms held while the broker is slow or away; beyond it new ones are dropped ("backlog_full").</summary>
    [Range(1, 10_000_000)]
    public int Capacity { get; set; } = 100_000;

    /// <summary>Batches awaiting the broker's confirm at once.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Wait before a batch the broker did not confirm is published again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
