using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;

namespace Correlation.Benchmarks.Load;

/// <summary>What one run of the load benchmark measured. CPU, retries and commands cover the measured part only.</summary>
/// <param name="Latencies">Decision latency of each measured alarm in ms, from the call to its completion, sorted.</param>
/// <param name="RedisCpuSeconds">Redis server CPU (user + sys) over the measured part.</param>
/// <param name="Retries">Decisions made again during the measured part (correlator telemetry: attempts beyond the first).</param>
/// <param name="Outcomes">Alarms by outcome over the whole run (correlator telemetry).</param>
/// <param name="Commands">Redis commands over the measured part, busiest first (INFO commandstats deltas; commands run by scripts included).</param>
/// <param name="MemoryDelta">used_memory at the end less before the run.</param>
/// <param name="Windowed">Alarms within the scoring window of the last alarm.</param>
/// <param name="Census">Keys under the run's prefix at the end, by part of the key space, with MEMORY USAGE.</param>
/// <param name="OfflineElapsed">The offline replay of the same alarms (one at a time, window in memory).</param>
/// <param name="PrepareElapsed">Decider.Prepare alone over the same alarms, one thread.</param>
/// <param name="Floor">A trivial script call's cost on this machine, for scale.</param>
public sealed record LoadResult(
    int Cores,
    string RedisVersion,
    int Alarms,
    int Warmup,
    int Measured,
    TimeSpan Elapsed,
    double[] Latencies,
    TimeSpan ProcessCpu,
    double RedisCpuSeconds,
    long Allocated,
    (int Gen0, int Gen1, int Gen2) Collections,
    long Retries,
    long RetriesTotal,
    IReadOnlyDictionary<string, long> Outcomes,
    IReadOnlyList<(string Command, CommandStat Stat)> Commands,
    long MemoryDelta,
    int Windowed,
    IReadOnlyList<KeyGroup> Census,
    int Incidents,
    PairwiseAgreement? Agreement,
    int? OfflineIncidents,
    PairwiseAgreement? OfflineAgreement,
    TimeSpan OfflineElapsed,
    TimeSpan PrepareElapsed,
    double CandidateKeysPerAlarm,
    RoundTripFloor Floor,
    int Failures,
    string? FirstFailure)
{
    public double Throughput => Measured / Elapsed.TotalSeconds;

    public double Percentile(double p) =>
        Latencies.Length == 0 ? 0 : Latencies[Math.Clamp((int)Math.Ceiling(p / 100 * Latencies.Length) - 1, 0, Latencies.Length - 1)];

    public long KeyBytes => Census.Sum(g => g.Bytes);

    public long Keys => Census.Sum(g => g.Keys);
}

/// <summary>Wall time and benchmark-process CPU of one trivial script call, one at a time and with many in flight.</summary>
public sealed record RoundTripFloor(double SerialWallUs, double SerialCpuUs, double ConcurrentWallUs, double ConcurrentCpuUs);
