using System.ComponentModel.DataAnnotations;

namespace Correlation.Console;

/// <summary>Bound from the "Console" configuration section.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>How many incident events the stream keeps for clients that reconnect (approximate).</summary>
    [Range(100, 10_000_000)]
    public int StreamMaxLength { get; set; } = 100_000;

    /// <summary>How many member alarms the console keeps in detail per incident.</summary>
    [Range(1, 100_000)]
    public int MaxAlarmsPerIncident { get; set; } = 500;

    /// <summary>How long a resolved incident stays in the console's view.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often a quiet event stream sends a comment so proxies keep the connection open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StreamKeepAlive { get; set; } = TimeSpan.FromSeconds(15);
}
