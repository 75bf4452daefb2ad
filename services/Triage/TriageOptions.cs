using System.ComponentModel.DataAnnotations;

namespace Correlation.Triage;

/// <summary>Bound from the "Triage" configuration section; checked at start.</summary>
public sealed class TriageOptions
{
    public const string SectionName = "Triage";

    /// <summary>
    /// The policy file (YAML): classification, priority rules, business calendars, watch list and checklist
    /// templates. A relative path is taken from the host's content root. Empty: the built-in policy, which
    /// classifies and prioritises from the CMDB with no calendars, watch list or time-of-day rules.
    /// </summary>
    public string? PolicyPath { get; set; }

    /// <summary>Reload the policy when its file changes; a bad edit is logged and the policy in force is kept.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>How long the folder must stay quiet after a change before the policy is read again (editors write in steps).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long triage keeps an open incident's projection after its last event: a safety net for incidents
    /// whose resolution never arrives, refreshed by every event.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan OpenRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a resolved (or merged-away) incident's projection and checklist stay, for late ticks and root causes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The resolved incidents searched for similar ones: the newest this many are kept, older ones dropped.</summary>
    [Range(1, 100_000)]
    public int SimilarIndexSize { get; set; } = 2000;

    /// <summary>How long a resolved incident (and its root cause) stays searchable, however few incidents come after it.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan SimilarRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>At most this many similar incidents go into an action plan.</summary>
    [Range(0, 50)]
    public int SimilarResults { get; set; } = 3;

    /// <summary>A past incident is offered only when it is at least this similar (0 to 1).</summary>
    [Range(0.0, 1.0)]
    public double MinSimilarity { get; set; } = 0.3;
}
