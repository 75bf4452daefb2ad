namespace Correlation.Faults.Tests;

/// <summary>
/// What a run does: how big the storm is and how fast it is sent, and the faults injected one after another.
/// The form comes from CORRELATION_FAULTS: <c>short</c> (the default, in `make test`: the correlator and
/// RabbitMQ killed, a few hundred alarms) or <c>full</c> (`make test-faults`: RabbitMQ, Redis, the correlator,
/// triage and the router killed in turn, the correlator twice, more alarms).
/// </summary>
internal sealed record FaultPlan(string Name, double AlarmsPerSecond, int AlarmsPerFault, TimeSpan Baseline, TimeSpan Settle, IReadOnlyList<string> Faults)
{
    public const string Variable = "CORRELATION_FAULTS";

    public static FaultPlan Short { get; } = new("short", 15, 20, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4), ["correlator", "rabbitmq"]);

    public static FaultPlan Full { get; } = new("full", 20, 20, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(6),
        ["rabbitmq", "redis", "correlator", "triage", "router", "correlator"]);

    /// <summary>Alarms enough for every phase at the rate, with room for the broker's restart; the sender stops when the last phase ends.</summary>
    public int StormAlarms => (int)(AlarmsPerSecond * (Baseline.TotalSeconds + (Faults.Count * 60) + 60));

    public static FaultPlan FromEnvironment() => Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "short" => Short,
        "full" => Full,
        var other => throw new InvalidOperationException($"{Variable}={other}: expected short or full"),
    };
}
