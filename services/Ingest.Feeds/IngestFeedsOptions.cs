using System.ComponentModel.DataAnnotations;

namespace Correlation.Ingest.Feeds;

/// <summary>Limits of the HTTP ingest endpoints. Bound from the "Ingest" configuration section.</summary>
public sealed class IngestFeedsOptions
{
    public const string SectionName = "Ingest";

    /// <summary>Largest body accepted for one alarm.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxAlarmBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body accepted for a batch.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most alarms in one batch.</summary>
    [Range(1, 100_000)]
    public int MaxBatchAlarms { get; set; } = 1000;
}
