using System.ComponentModel.DataAnnotations;

namespace Correlation.Correlator.Scoring;

/// <summary>
/// How an alarm is scored against the open incidents near it. Bound from "Correlator:Scoring".
/// The score is a weighted sum of time proximity, topological proximity and text similarity, each in
/// [0, 1]; an alarm joins the best incident at or above <see cref="JoinThreshold"/>.
/// </summary>
public sealed class ScoringOptions
{
    public const string SectionName = "Correlator:Scoring";

    /// <summary>An incident is a candidate only while its last alarm is at most this old.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// An incident older than this takes no new members (repeats of its own conditions still join):
    /// in a network that never goes quiet, a sliding window alone would chain every later fault nearby
    /// into one ever-growing incident. Incidents older than this are not merged either.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxJoinAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time proximity falls to 1/e when the gap since the incident's last alarm is this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TimeScale { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The time scale of consequences: user reports and service checks that relate through a site or a
    /// service follow a fault by minutes (people notice, try again, then call), not seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ConsequenceTimeScale { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Devices further apart than this many hops are not related by topology.</summary>
    [Range(0, 16)]
    public int MaxHops { get; set; } = 3;

    /// <summary>
    /// Taken off the topology score of a device two or more hops from a member at another site when neither
    /// is on the other's only way to the core: two sites hanging off one hub are near each other, but a
    /// fault at one does not explain a fault at the other. At 1 (the default) such devices are not related
    /// at all: with the alarm texts of one template and close timing, any smaller penalty still joins them.
    /// </summary>
    [Range(0.0, 1.0)]
    public double OtherSitePenalty { get; set; } = 1.0;

    /// <summary>
    /// Alarm types whose condition stays on its device (it neither spreads through the network nor follows
    /// from a fault elsewhere): they relate to an incident only through the same device.
    /// </summary>
    public HashSet<string> LocalTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "config_change", "auth_failure", "cert_expiry", "disk_full",
    };

    /// <summary>
    /// Alarm types that report their device gone (not answering, down): the failed elements of an incident.
    /// A device that the failed elements of an incident cut off from the core relates to it strongly.
    /// </summary>
    public HashSet<string> OutageTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        "device_unreachable", "device_down", "node_down", "host_down",
    };

    [Range(0.0, 1.0)]
    public double TimeWeight { get; set; } = 0.4;

    [Range(0.0, 1.0)]
    public double TopologyWeight { get; set; } = 0.45;

    [Range(0.0, 1.0)]
    public double TextWeight { get; set; } = 0.15;

    /// <summary>Weight of the learned type affinity, when a model is loaded; left out otherwise.</summary>
    [Range(0.0, 1.0)]
    public double AffinityWeight { get; set; } = 0.25;

    [Range(0.0, 1.0)]
    public double JoinThreshold { get; set; } = 0.6;

    /// <summary>An alarm that scores at least this against two incidents shows they are one fault.</summary>
    [Range(0.0, 1.0)]
    public double MergeThreshold { get; set; } = 0.8;

    /// <summary>
    /// Two incidents one alarm ties are merged while the older has gone no further than this stage;
    /// past it they are linked as related instead (the default merges always: nothing in the pipeline yet
    /// goes past routing).
    /// </summary>
    public IncidentStage MergeUntil { get; set; } = IncidentStage.Routed;

    /// <summary>How many distinct devices an incident remembers for topology scoring (storm limit).</summary>
    [Range(1, 10_000)]
    public int MaxDevicesPerIncident { get; set; } = 64;
}
