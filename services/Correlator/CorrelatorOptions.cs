using System.ComponentModel.DataAnnotations;

namespace Correlation.Correlator;

/// <summary>Bound from the "Correlator" configuration section.</summary>
public sealed class CorrelatorOptions
{
    public const string SectionName = "Correlator";

    /// <summary>
    /// How long a site's window stays open after its last alarm: a raise within it joins the site's
    /// open incident, a raise after it opens a new one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long an idempotency key and a condition's fingerprint are remembered: a redelivered or
    /// retried alarm within it is not counted twice, and a repeat joins the incident that holds it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DedupHorizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a resolved incident's state is kept in Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many alarms one correlator processes at once.</summary>
    [Range(1, 1024)]
    public int ConcurrentMessageLimit { get; set; } = 32;
}
