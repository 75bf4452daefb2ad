using System.ComponentModel.DataAnnotations;

namespace Correlation.Correlator;

/// <summary>Bound from the "Correlator" configuration section; scoring is under "Correlator:Scoring".</summary>
public sealed class CorrelatorOptions
{
    public const string SectionName = "Correlator";

    /// <summary>
    /// How long an idempotency key and a condition's fingerprint are remembered: a redelivered or
    /// retried alarm within it is not counted twice, and a repeat joins the incident that holds it.
    /// An open incident that nothing touches for this long expires: it is resolved with a Resolved event
    /// that says so (no alarm for this long, members possibly still firing), so that nothing downstream
    /// keeps it open for ever after the correlator has let it go.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan DedupHorizon { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an open incident's keys are kept: its expiry (<see cref="DedupHorizon"/> after the last touch)
    /// and an hour beyond it, so that a correlator away at the moment still finds it to resolve. An incident no
    /// correlator resolves in that hour leaves Redis without an event, as it did before expiry existed.
    /// </summary>
    public TimeSpan OpenKeyLifetime => DedupHorizon + ExpiryGrace;

    /// <summary>See <see cref="OpenKeyLifetime"/>.</summary>
    public static readonly TimeSpan ExpiryGrace = TimeSpan.FromHours(1);

    /// <summary>How long a resolved incident's state and the decision records are kept in Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan ResolvedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// After the last member clears, how long the incident waits with no new raise before it resolves:
    /// no premature closure while a fault is still settling.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan HoldDown { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A condition raised again after a clear this many times marks its incident as flapping.</summary>
    [Range(1, 1000)]
    public int FlapThreshold { get; set; } = 3;

    /// <summary>The hold-down of a flapping incident, so that it does not resolve and reopen in a loop.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan FlapHoldDown { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A condition that returns within this long after its incident resolved reopens that incident.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many decision records an incident lists (the newest); each alarm's own record is kept regardless.</summary>
    [Range(1, 1_000_000)]
    public int ExplanationsPerIncident { get; set; } = 1000;

    /// <summary>How often incidents past their hold-down are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ResolveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Alarms are taken off the broker in batches of up to this many and decided in the order they were
    /// observed (alarms about different places in parallel).
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a batch waits for more alarms after its first: the most it adds to a decision's latency.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan BatchWait { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How many batches one correlator works on at once. They are decided one after another, in the order
    /// they were taken off the broker, but a batch reads the window while the one before it decides and is
    /// decided with that one's decisions laid over what it read, so with three Redis and the correlator work
    /// side by side (three measured fastest on two cores: benchmarks/results/correlator-load-realistic.md).
    /// </summary>
    [Range(1, 64)]
    public int BatchConcurrency { get; set; } = 3;

    /// <summary>
    /// A correlation rules file (YAML, see deploy/config/correlation-rules.yaml): the scoring settings it names
    /// take the place of those under Correlator:Scoring. Checked at start; a bad file stops the service with
    /// its file, line and reason. A relative path is taken from the content root.
    /// </summary>
    public string? RulesPath { get; set; }

    /// <summary>How often a correlator looks for rules an admin activated (through the API, on any correlator).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan RulesPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A type-affinity model written by `correlation train --out` (optional).</summary>
    public string? AffinityPath { get; set; }

    /// <summary>An ML.NET signature model written by `correlation train --signatures` (optional).</summary>
    public string? SignaturesPath { get; set; }
}
