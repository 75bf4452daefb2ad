using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Correlation.Benchmarks.Load;

/// <summary>One run's figures as a Markdown section and a CSV row.</summary>
public sealed class LoadReport(LoadOptions options, LoadResult result)
{
    public const string CsvHeader =
        "label,instances,in_flight,alarms,warmup,measured,elapsed_s,alarms_per_s,p50_ms,p95_ms,p99_ms,max_ms," +
        "process_cpu_s,process_cpu_us_per_alarm,redis_cpu_s,redis_cpu_us_per_alarm,allocated_bytes_per_alarm,retries," +
        "incidents,precision,recall,f1,offline_incidents,offline_f1,used_memory_delta,windowed_alarms,bytes_per_windowed_alarm," +
        "keys,key_bytes,failures";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private string Label => options.Label ?? $"{options.Instances} instance(s), {options.InFlight} in flight";

    public string Markdown()
    {
        var r = result;
        var measured = r.Measured;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(Invariant));

        Line($"### {Label}");
        Line($"");
        Line($"`Correlation.Benchmarks {CorrelatorLoad.Command} {string.Join(' ', options.Arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a))}`");
        Line($"");
        Line($"Machine: {r.Cores} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, Redis {r.RedisVersion} (same machine).");
        Line($"{r.Alarms:N0} alarms: the first {r.Warmup:N0} warm up, {measured:N0} are measured.");
        Line($"");
        Line($"| figure | value |");
        Line($"|---|---|");
        Line($"| throughput | **{r.Throughput:N0} alarms/s** ({measured:N0} alarms in {r.Elapsed.TotalSeconds:F2} s) |");
        Line($"| decision latency p50 / p95 / p99 / max | {r.Percentile(50):F2} / {r.Percentile(95):F2} / {r.Percentile(99):F2} / {r.Latencies[^1]:F1} ms |");
        Line($"| benchmark process CPU | {r.ProcessCpu.TotalSeconds:F2} s = {r.ProcessCpu.TotalSeconds / r.Elapsed.TotalSeconds:F2} cores, {r.ProcessCpu.TotalMicroseconds / measured:F0} µs an alarm |");
        Line($"| Redis server CPU | {r.RedisCpuSeconds:F2} s = {r.RedisCpuSeconds / r.Elapsed.TotalSeconds:F2} cores, {r.RedisCpuSeconds * 1e6 / measured:F0} µs an alarm |");
        Line($"| allocated | {r.Allocated / (double)measured / 1024:F1} KiB an alarm; GCs gen0/1/2: {r.Collections.Gen0}/{r.Collections.Gen1}/{r.Collections.Gen2} |");
        Line($"| retried decisions (window changed under them) | {r.Retries:N0} measured ({r.Retries * 100.0 / measured:F2} % of alarms), {r.RetriesTotal:N0} in all |");
        Line($"| outcomes (whole run) | {string.Join(", ", r.Outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value:N0}"))} |");
        Line($"| incidents (live) | {r.Incidents:N0} |");
        if (r.Agreement is { } live)
        {
            Line($"| pairwise F1 (live) | **{live.F1:F4}** (precision {live.Precision:F4}, recall {live.Recall:F4}, ARI {live.AdjustedRandIndex:F4}) |");
        }

        if (r.OfflineAgreement is { } offline)
        {
            Line($"| pairwise F1 (offline replay, same decider) | {offline.F1:F4} (precision {offline.Precision:F4}, recall {offline.Recall:F4}); {r.OfflineIncidents:N0} incidents |");
            Line($"| offline replay, one thread, window in memory | {r.Alarms / r.OfflineElapsed.TotalSeconds:N0} alarms/s ({r.OfflineElapsed.TotalMicroseconds / r.Alarms:F0} µs an alarm); Decider.Prepare alone {r.PrepareElapsed.TotalMicroseconds / r.Alarms:F0} µs an alarm, {r.CandidateKeysPerAlarm:F1} candidate keys an alarm |");
        }

        Line($"| floor: a trivial script call (EVALSHA `return 1`) | one at a time {r.Floor.SerialWallUs:F0} µs wall, {r.Floor.SerialCpuUs:F0} µs process CPU; {options.InFlight} in flight {r.Floor.ConcurrentWallUs:F1} µs wall, {r.Floor.ConcurrentCpuUs:F1} µs CPU a call |");
        Line($"| Redis used_memory, end less start | {r.MemoryDelta / 1048576.0:F1} MiB |");
        Line($"| alarms in the scoring window at the end | {r.Windowed:N0} |");
        Line($"| **Redis memory per alarm held** | **{r.MemoryDelta / (double)r.Alarms:F0} B** (every alarm decided is held: its dedup key for the dedup horizon, its decision record for the retention, its share of incidents and index) |");
        Line($"| keys under the prefix at the end | {r.Keys:N0} keys, {r.KeyBytes / 1048576.0:F1} MiB by MEMORY USAGE |");
        if (r.Failures > 0)
        {
            Line($"| **failed alarms** | {r.Failures:N0}; first: {r.FirstFailure} |");
        }

        Line($"");
        Line($"Keys under the prefix at the end, by part of the correlator's key space:");
        Line($"");
        Line($"| keys | count | MiB | bytes a key | bytes per alarm decided |");
        Line($"|---|---:|---:|---:|---:|");
        foreach (var group in r.Census)
        {
            Line($"| {group.Group} | {group.Keys:N0} | {group.Bytes / 1048576.0:F1} | {group.Bytes / (double)group.Keys:F0} | {group.Bytes / (double)r.Alarms:F0} |");
        }

        Line($"");
        Line($"Redis commands over the measured part (INFO commandstats; the script calls' time includes the commands they run, listed below them):");
        Line($"");
        Line($"| command | calls | calls an alarm | total ms | µs a call | µs an alarm |");
        Line($"|---|---:|---:|---:|---:|---:|");
        foreach (var (command, stat) in r.Commands.Take(14))
        {
            Line($"| {command} | {stat.Calls:N0} | {stat.Calls / (double)measured:F2} | {stat.Usec / 1000.0:N0} | {stat.Usec / (double)stat.Calls:F1} | {stat.Usec / (double)measured:F1} |");
        }

        return text.ToString();
    }

    public string CsvRow()
    {
        var r = result;
        var live = r.Agreement;
        object?[] values =
        [
            Quote(Label), options.Instances, options.InFlight, r.Alarms, r.Warmup, r.Measured, r.Elapsed.TotalSeconds, r.Throughput,
            r.Percentile(50), r.Percentile(95), r.Percentile(99), r.Latencies[^1],
            r.ProcessCpu.TotalSeconds, r.ProcessCpu.TotalMicroseconds / r.Measured, r.RedisCpuSeconds, r.RedisCpuSeconds * 1e6 / r.Measured,
            r.Allocated / (double)r.Measured, r.Retries, r.Incidents, live?.Precision, live?.Recall, live?.F1, r.OfflineIncidents,
            r.OfflineAgreement?.F1, r.MemoryDelta, r.Windowed, r.Windowed == 0 ? 0 : r.MemoryDelta / (double)r.Windowed, r.Keys, r.KeyBytes,
            r.Failures,
        ];
        return string.Join(',', values.Select(v => v switch
        {
            null => "",
            double d => d.ToString("0.####", Invariant),
            IFormattable f => f.ToString(null, Invariant),
            _ => v.ToString(),
        }));
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
