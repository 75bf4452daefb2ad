namespace Correlation.Faults.Tests;

/// <summary>
/// What a run does: how big the storm is and how fast it is sent, and the faults injected one after another.
/// The form comes from CORRELATION_FAULTS: <c>short</c> (the default, in `make test`: the correlator and
/// RabbitMQ killed, a few hundred alarms) or <c>full</c> (`make test-faults`: RabbitMQ, Redis, the correlator,
/// triage and the router killed in turn, the correlator twice, more alarms); <c>redis-aof</c> and <c>redis-loss</c>
/// are the Redis experiments below.
/// </summary>
internal sealed record FaultPlan(string Name, double AlarmsPerSecond, int AlarmsPerFault, TimeSpan Baseline, TimeSpan Settle, IReadOnlyList<string> Faults,
    bool AppendOnly = true, bool Experiment = false)
{
    public const string Variable = "CORRELATION_FAULTS";

    public static FaultPlan Short { get; } = new("short", 15, 20, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(4), ["correlator", "rabbitmq"]);

    public static FaultPlan Full { get; } = new("full", 20, 20, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(6),
        ["rabbitmq", "redis", "correlator", "triage", "router", "correlator"]);

    /// <summary>
    /// The Redis-loss experiments (docs/reliability.md): long faults (200 alarms, ten seconds of sending each), so that
    /// Redis dies in the middle of one, killed once with its append-only file (<c>redis-aof</c>) and once without
    /// any persistence (<c>redis-loss</c>: it comes back empty, as after losing its disk). The second is a
    /// measurement, not a bar: the run reports what the loss costs instead of failing on it.
    /// </summary>
    public static FaultPlan RedisAof { get; } = new("redis-aof", 20, 200, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), ["redis"]);

    public static FaultPlan RedisLoss { get; } = RedisAof with { Name = "redis-loss", AppendOnly = false, Experiment = true };

    /// <summary>Alarms enough for every phase at the rate, with room for the broker's restart; the sender stops when the last phase ends.</summary>
    public int StormAlarms => (int)(AlarmsPerSecond * (Baseline.TotalSeconds + (Faults.Count * 60) + 60));

    public static FaultPlan FromEnvironment() => Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "short" => Short,
        "full" => Full,
        "redis-aof" => RedisAof,
        "redis-loss" => RedisLoss,
        var other => throw new InvalidOperationException($"{Variable}={other}: expected short, full, redis-aof or redis-loss"),
    };
}
