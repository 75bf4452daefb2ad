using System.ComponentModel.DataAnnotations;

namespace Correlation.Console;

/// <summary>Bound from the "Console" configuration section.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>How many incident events the stream keeps for clients that reconnect (approximate).</summary>
    [Range(100, 10_000_000)]
    public int StreamMaxLength { get; set; } = 100_000;

    /// <summary>How many member conditions (distinct fingerprints) the console keeps in detail per incident.</summary>
    [Range(1, 100_000)]
    public int MaxAlarmsPerIncident { get; set; } = 500;

    /// <summary>How many timeline entries an incident keeps (the newest); a storm's alarms are each an entry.</summary>
    [Range(10, 1_000_000)]
    public int MaxTimelineEntries { get; set; } = 2_000;

    /// <summary>How long a resolved incident stays in the console's view.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long closures (resolved incidents with their root causes) are kept for the patterns report.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan PatternRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How many audit records the trail keeps (approximate); the oldest go first.</summary>
    [Range(1_000, 100_000_000)]
    public int AuditMaxLength { get; set; } = 1_000_000;

    /// <summary>How long per-incident audit records are kept after the last write to the incident.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>How long the per-minute throughput counters are kept.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan ThroughputRetention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often the open and unacknowledged incident counts are sampled for the throughput page.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a quiet event stream sends a comment so proxies keep the connection open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StreamKeepAlive { get; set; } = TimeSpan.FromSeconds(15);
}
