using System.Globalization;
using System.Text;

namespace Correlation.Load;

/// <summary>
/// The soak's report: the verdict computed from the intervals (memory slope over the second half, p99 stability),
/// a table row per interval, the pipeline's Redis keys by family, and the accounting of every alarm; and a CSV row
/// per interval.
/// </summary>
internal static class SoakReport
{
    /// <summary>Flat: a second-half slope under this share of the series' own level per hour.</summary>
    public const double FlatSharePerHour = 0.10;

    /// <summary>Stable: the worst interval's p99 at most this many times the median interval's.</summary>
    public const double P99Spread = 3;

    /// <summary>And every interval's p99 within this.</summary>
    public const double P99LimitMs = 1000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static string F(double value, string format = "N0") => value.ToString(format, Invariant);

    public static void Write(Harness harness, Soak soak)
    {
        var options = harness.Options;
        Directory.CreateDirectory(options.Results);
        var md = Path.Combine(options.Results, options.Name + ".md");
        var csv = Path.Combine(options.Results, options.Name + ".csv");
        File.WriteAllText(md, Markdown(harness, soak));
        File.WriteAllText(csv, Csv(soak));
        harness.Say($"wrote {md} and {csv}");
        foreach (var line in Verdicts(harness, soak).Summary)
        {
            harness.Say(line);
        }
    }

    /// <summary>A memory series of the run: its values per interval and whether it counts toward the verdict.</summary>
    private sealed record Series(string Name, Func<SoakInterval, double?> Value, bool Judged, string Unit = "MB");

    private static List<Series> AllSeries(IReadOnlyList<SoakInterval> rows)
    {
        var series = new List<Series>();
        var roles = rows.Count == 0 ? [] : rows[0].Memory.Keys.ToList();
        foreach (var role in roles)
        {
            var pipeline = role is not "harness" and not "redis";
            series.Add(new Series($"{role} resident (RSS)", r => r.Memory.TryGetValue(role, out var m) ? m.RssMb : null, pipeline));
            series.Add(new Series($"{role} private (RssAnon)", r => r.Memory.TryGetValue(role, out var m) ? m.PrivateMb : null, pipeline));
            if (rows.Any(r => r.Memory.TryGetValue(role, out var m) && m.GcHeapMb is not null))
            {
                series.Add(new Series($"{role} GC heap after last collection", r => r.Memory.TryGetValue(role, out var m) ? m.GcHeapMb : null, pipeline));
            }
        }

        series.Add(new Series("the pipeline's Redis keys (count)", r => r.RedisKeys, true, "keys"));
        series.Add(new Series("the pipeline's Redis keys (MEMORY USAGE, sampled)", r => r.RedisKeysMbEstimate, true));
        series.Add(new Series("Redis used_memory (whole server, shared)", r => r.RedisUsedMb, false));
        return series;
    }

    /// <summary>Least-squares slope per hour of (minutes, value) and its standard error.</summary>
    public static (double PerHour, double StdErrPerHour, double Mean) Slope(IReadOnlyList<(double Minutes, double Value)> points)
    {
        if (points.Count < 3)
        {
            return (0, double.NaN, points.Count == 0 ? 0 : points.Average(p => p.Value));
        }

        var mx = points.Average(p => p.Minutes);
        var my = points.Average(p => p.Value);
        var sxx = points.Sum(p => (p.Minutes - mx) * (p.Minutes - mx));
        var slope = points.Sum(p => (p.Minutes - mx) * (p.Value - my)) / sxx;
        var residual = points.Sum(p => Math.Pow(p.Value - (my + slope * (p.Minutes - mx)), 2));
        var se = Math.Sqrt(residual / (points.Count - 2) / sxx);
        return (slope * 60, se * 60, my);
    }

    private sealed record Verdict(List<string> Rows, List<string> Summary, bool MemoryFlat, bool P99Stable);

    private static Verdict Verdicts(Harness harness, Soak soak)
    {
        var rows = soak.Intervals;
        var total = harness.Options.SoakMinutes;
        var second = rows.Where(r => r.EndMinutes - r.Seconds / 120 >= total / 2).ToList();
        var table = new List<string>();
        var memoryFlat = true;
        var growing = new List<string>();
        foreach (var s in AllSeries(rows))
        {
            var points = second.Select(r => (r.EndMinutes - r.Seconds / 120, s.Value(r))).Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!.Value)).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var (perHour, se, mean) = Slope(points);
            var limit = FlatSharePerHour * Math.Abs(mean);
            var flat = perHour <= limit;
            // Over the threshold but within two standard errors of zero: the garbage collector's swings, not a trend.
            var unclear = !flat && !double.IsNaN(se) && perHour <= 2 * se;
            var unit = s.Unit == "keys" ? " keys" : " MB";
            var format = s.Unit == "keys" ? "N0" : "0.0";
            var noise = double.IsNaN(se) ? "" : Math.Abs(perHour) <= 2 * se ? " (within 2 SE of zero)" : "";
            table.Add($"| {s.Name} | {F(s.Value(rows[0]) ?? 0, format)} → {F(s.Value(rows[^1]) ?? 0, format)}{unit} | {F(mean, format)}{unit} | {(perHour >= 0 ? "+" : "")}{F(perHour, format)}{unit}/h ± {(double.IsNaN(se) ? "-" : F(se, format))}{noise} | ≤ {F(limit, format)}{unit}/h | {(flat ? "flat" : unclear ? "not told from noise" : "**growing**")}{(s.Judged ? "" : " (not judged)")} |");
            if (s.Judged && !flat)
            {
                memoryFlat = false;
                growing.Add(s.Name + (unclear ? " (within noise)" : ""));
            }
        }

        var p99s = rows.Where(r => r.Correlated > 0).Select(r => r.P99Ms).Order().ToList();
        var median = p99s.Count == 0 ? 0 : p99s.Count % 2 == 1 ? p99s[p99s.Count / 2] : (p99s[p99s.Count / 2 - 1] + p99s[p99s.Count / 2]) / 2;
        var max = p99s.Count == 0 ? 0 : p99s[^1];
        var spread = median > 0 ? max / median : double.PositiveInfinity;
        var stable = spread <= P99Spread && max <= P99LimitMs && p99s.Count > 0;
        table.Add($"| p99 send → incident event: worst interval / median interval | {F(max)} ms / {F(median)} ms = {F(spread, "0.00")} | | | ≤ {F(P99Spread, "0")} | {(spread <= P99Spread ? "stable" : "**unstable**")} |");
        table.Add($"| p99 send → incident event: worst interval | {F(max)} ms | | | ≤ {F(P99LimitMs)} ms | {(max <= P99LimitMs ? "yes" : "**no**")} |");
        var loads = rows.Select(r => r.LoadAverage).Order().ToList();
        var summary = new List<string>
        {
            (memoryFlat ? "memory: flat" : $"memory: GROWING ({string.Join(", ", growing)})")
                + $"; p99: {(stable ? "stable" : "UNSTABLE")} (worst interval {F(max)} ms, median {F(median)} ms, ratio {F(spread, "0.00")})"
                + (loads.Count > 0 ? $"; load average {F(loads[0], "0.0")}-{F(loads[^1], "0.0")} (median {F(loads[loads.Count / 2], "0.0")})" : ""),
        };
        return new Verdict(table, summary, memoryFlat, stable);
    }

    private static string Markdown(Harness harness, Soak soak)
    {
        var options = harness.Options;
        var rows = soak.Intervals;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        var cpuModel = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var verdict = Verdicts(harness, soak);
        var t = soak.Totals;

        Line("# Soak: the whole pipeline at a steady rate");
        Line();
        Line($"Written by `{options.Command}` (benchmarks/pipeline-load.sh, `Correlation.Load --profile soak`) on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC,");
        Line($"{Environment.ProcessorCount} cores ({cpuModel}), {F(double.Parse(memory, Invariant) / 1048576, "0")} GiB RAM, shared with whatever else the");
        Line("machine ran (the load average and the machine's busy share are in every row).");
        Line();
        Line($"{F(options.SoakRate, "0.#")} alarms/s for {F(options.SoakMinutes, "0.#")} minutes through `POST /api/v1/alarms/batch` into one all-in-one host (Release, a");
        Line($"process of its own) on the shared RabbitMQ and Redis: a labelled storm of {F(soak.StormAlarms)} alarms replayed {soak.Passes} times (the last pass cut");
        Line($"at the run's end), {F(t.SentInPasses)} alarms in all; one row every {F(options.SoakIntervalSeconds)} s. Host settings beyond the load harness's own:");
        Line(string.Join(", ", soak.HostExtraSettings.Select(s => $"`{s.Key.Replace("__", ":", StringComparison.Ordinal)}={s.Value}`")) + ".");
        Line();
        Line("## Verdict");
        Line();
        Line($"**{string.Join(" ", verdict.Summary)}.**");
        Line();
        Line($"Memory: the least-squares slope over the second half of the run (rows ending after minute {F(options.SoakMinutes / 2, "0.#")}), against its");
        Line($"mean over that half: **flat** when it grows by less than {F(FlatSharePerHour * 100)}% of its own level per hour (a process at 400 MB may gain");
        Line($"at most 40 MB/h). \"± SE\" is the slope's standard error: a slope within two of them is not told apart from the noise of");
        Line("garbage collections. Half an hour cannot show a leak much smaller than that; a longer `SOAK_MINUTES` can. Judged: the");
        Line("pipeline's processes (the host, RabbitMQ) and the pipeline's own Redis keys; the harness and the whole Redis server (shared");
        Line($"with other work on the machine) are shown, not judged. Latency: **stable** when the worst interval's p99 is at most");
        Line($"{F(P99Spread, "0")}× the median interval's, and every interval's p99 is within {F(P99LimitMs)} ms.");
        Line();
        Line("| series | first → last row | second-half mean | second-half slope ± SE | threshold | verdict |");
        Line("|---|---:|---:|---:|---:|---|");
        foreach (var row in verdict.Rows)
        {
            Line(row);
        }

        Line();
        if (GrowingFamilies(soak, options.SoakMinutes) is { Count: > 0 } families)
        {
            Line("Redis key families still growing over the second half (see the families table): "
                + string.Join("; ", families.Select(f => $"`{f.Name}` {(f.PerHour >= 0 ? "+" : "")}{F(f.PerHour)} keys/h, {f.Why}")) + ".");
            Line();
        }

        if (soak.EventTypes.Count > 0)
        {
            Line("Incident events the tap received: " + string.Join(", ", EventTap.EventTypes.Select(t => $"{t} {F(soak.EventTypes.GetValueOrDefault(t))}")) + ".");
            Line();
        }

        if (soak.Failure is { } failure)
        {
            Line($"The run stopped early: {failure.Split('\n')[0]}");
            Line();
        }

        Line("## Every interval");
        Line();
        Line("Latency is from the harness's send of an alarm to the first incident event carrying it (a queue of the harness's own");
        Line("bound to the correlator's incident event exchanges), for the alarms whose event arrived in that interval. \"No event >10 s\":");
        Line("alarms accepted more than 10 s before the row's end and still without an event (the correlator's ignored clears are among");
        Line("them until their pass is accounted for, two minutes after it was sent). Memory is at the row's end: resident (VmRSS),");
        Line("private (RssAnon: the process's own anonymous pages) and, for .NET processes, the GC heap after the last collection");
        Line("(the host's from its `System.Runtime` meter on `/metrics`). Backlog: messages ready in the host's queues (now / most");
        Line("in the interval, polled twice a second). Redis keys: the pipeline's own (its key prefix), counted with SCAN, their memory");
        Line("estimated from MEMORY USAGE of up to 500 keys per family, picked uniformly; used_memory and commands/s are the whole server's, shared with");
        Line("other work on the machine (another engineer's benchmark on the same Redis shows there). Redis PING: the harness's round");
        Line("trips, five a second: a fraction of a millisecond on an idle machine; what it grows to, every hop of the pipeline waits too.");
        Line();
        var roles = rows.Count == 0 ? [] : rows[0].Memory.Keys.ToList();
        var dotnet = roles.Where(r => rows.Any(x => x.Memory.TryGetValue(r, out var m) && m.GcHeapMb is not null)).ToList();
        Line("| # | min | sent | sent/s | correlated | refused | no event >10 s | p50 ms | p95 ms | p99 ms | max ms | "
            + string.Join(" | ", roles.Select(r => $"{r} RSS / private MB{(dotnet.Contains(r) ? " / GC" : "")}"))
            + " | " + string.Join(" | ", roles.Select(r => $"{r} CPU %")) + " | backlog now / max | Redis keys | keys MB | Redis used MB | Redis cmd/s (all) | Redis PING p50 / p99 ms | load avg | busy % |");
        Line("|" + string.Concat(Enumerable.Repeat("---:|", 11 + roles.Count * 2 + 8)));
        foreach (var r in rows)
        {
            string Mem(string role) => r.Memory.TryGetValue(role, out var m)
                ? $"{F(m.RssMb)} / {F(m.PrivateMb)}{(dotnet.Contains(role) ? $" / {(m.GcHeapMb is { } gc ? F(gc) : "-")}" : "")}"
                : "-";
            Line($"| {r.Index}{(r.Partial ? " (part)" : "")} | {F(r.EndMinutes, "0.0")} | {F(r.Sent)} | {F(r.Sent / Math.Max(r.Seconds, 1e-3), "0.0")} | {F(r.Correlated)} | {F(r.Refused)} | {F(r.WaitingOver10s)} | {Ms(r.P50Ms)} | {Ms(r.P95Ms)} | {Ms(r.P99Ms)} | {Ms(r.MaxMs)} | "
                + string.Join(" | ", roles.Select(Mem)) + " | "
                + string.Join(" | ", roles.Select(role => r.Memory.TryGetValue(role, out var m) ? F(m.CpuPercent) : "-"))
                + $" | {F(r.BacklogNow)} / {F(r.BacklogMax)} | {F(r.RedisKeys)} | {F(r.RedisKeysMbEstimate, "0.0")} | {F(r.RedisUsedMb, "0.0")} | {F(r.RedisCommandsPerSecond)} | {F(r.RedisPingP50Ms, "0.0")} / {F(r.RedisPingP99Ms, "0.0")} | {F(r.LoadAverage, "0.0")} | {F(r.MachineBusyPercent)} |");
        }

        Line();
        KeyFamilies(soak, options.SoakMinutes, Line);

        Line("## Every alarm accounted for");
        Line();
        Line("Each pass is accounted for once every alarm it sent has its event, or two minutes after its send ended (the last ones after");
        Line($"a drain of {F(soak.DrainSeconds, "0.0")} s): an alarm without an event is looked up in the correlator's applied-alarm keys");
        Line("(`correlator:applied:<idempotency key>`): empty is a clear it ignored (nothing open held the condition), an incident id a");
        Line("decision whose event never reached the tap, nothing an alarm never decided.");
        Line();
        Line("| sent | accepted (202) | refused | with event | ignored clears | decided, no event | missing |");
        Line("|---:|---:|---:|---:|---:|---:|---:|");
        Line($"| {F(t.SentInPasses)} | {F(t.Accepted)} | {F(t.Refused)} | {F(t.Correlated)} | {F(t.IgnoredClears)} | {F(t.DecidedNoEvent)} | {F(t.Missing)} |");
        Line();
        Line("## How the soak is set up");
        Line();
        Line("- The storm is `correlation generate` output (a network and a mixed storm with ground truth: power losses, cuts, degradations,");
        Line("  unrelated faults, noise, repeats, flaps, clears), sent in its own order at an even rate, one request at a time (as one NMS");
        Line("  forwarding its alarms would; a request holds what fell due while the one before was answered, up to 100 alarms). Each");
        Line("  pass gives every alarm a new idempotency key and its fingerprint a pass suffix, so each pass is new conditions on the same");
        Line("  network and a clear still matches its raise. No `observedAt` is sent: ingest stamps the time it takes the alarm, so the");
        Line("  correlator's window (in observed time) and its hold-downs and retentions (in wall time) turn over as they would live.");
        Line("- The retentions named above, and the age at which an incident stops taking new members (`Correlator:Scoring:MaxJoinAge`,");
        Line("  1 hour by default), are shortened so that the state they bound reaches its steady size within the run; the");
        Line("  options that cannot go below a day or an hour (Console:PatternRetention and AuditRetention, Triage:OpenRetention and");
        Line("  SimilarRetention, Console:ThroughputRetention) and the router's projection (7 days, fixed) keep their own, so the keys they");
        Line("  bound keep growing through any run shorter than that: the key families table gives each family's sampled TTL. The");
        Line("  console's event stream is capped at 10,000 events (`Console:StreamMaxLength`, 100,000 by default) for the same reason.");
        Line("- Processes are read from /proc (VmRSS, RssAnon, CPU), the queues by passive declare, Redis with INFO, SCAN and MEMORY USAGE.");
        Line("  The harness forgets each pass once it is accounted for, so its own memory is flat when the pipeline's is.");
        return text.ToString();
    }

    private static void KeyFamilies(Soak soak, double minutes, Action<string> line)
    {
        var rows = soak.Intervals;
        if (rows.Count == 0)
        {
            return;
        }

        line("## The pipeline's Redis keys by family");
        line("");
        line("Keys under the run's prefix, ids made `*`; counts at the first row, the middle row and the last, the slope over the second");
        line("half, and at the end the estimated memory and the time to live of up to 20 sampled keys (\"none\": keys without a TTL, which");
        line("only an explicit delete removes).");
        line("");
        line("| family | first row | middle row | last row | second-half slope keys/h | MB at the end (est.) | sampled TTL: longest left | sampled without TTL |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|");
        var middle = rows[rows.Count / 2];
        var second = rows.Where(r => r.EndMinutes - r.Seconds / 120 >= minutes / 2).ToList();
        var final = soak.FinalFamilies.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var names = rows.SelectMany(r => r.Families).Select(f => f.Name).Distinct(StringComparer.Ordinal)
            .OrderByDescending(n => final.TryGetValue(n, out var f) ? f.EstimatedBytes : 0).ToList();
        foreach (var name in names)
        {
            long Count(SoakInterval r) => r.Families.FirstOrDefault(f => f.Name == name)?.Count ?? 0;
            var (perHour, _, _) = Slope([.. second.Select(r => (r.EndMinutes - r.Seconds / 120, (double)Count(r)))]);
            var end = final.GetValueOrDefault(name);
            line($"| `{name}` | {F(Count(rows[0]))} | {F(Count(middle))} | {F(Count(rows[^1]))} | {(perHour >= 0 ? "+" : "")}{F(perHour)} | {(end is null ? "-" : F(end.EstimatedBytes / 1048576, "0.00"))} | "
                + $"{(end is null || end.SampledTtls == end.WithoutTtl ? "-" : Ttl(end.MaxTtl))} | {(end is null ? "-" : $"{end.WithoutTtl} of {end.SampledTtls}")} |");
        }

        line("");
    }

    /// <summary>Families whose count grew over the second half by more than the flat threshold, with what bounds them.</summary>
    private static List<(string Name, double PerHour, string Why)> GrowingFamilies(Soak soak, double minutes)
    {
        var second = soak.Intervals.Where(r => r.EndMinutes - r.Seconds / 120 >= minutes / 2).ToList();
        var final = soak.FinalFamilies.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var result = new List<(string, double, string)>();
        foreach (var name in soak.Intervals.SelectMany(r => r.Families).Select(f => f.Name).Distinct(StringComparer.Ordinal))
        {
            var points = second.Select(r => (r.EndMinutes - r.Seconds / 120, (double)(r.Families.FirstOrDefault(f => f.Name == name)?.Count ?? 0))).ToList();
            var (perHour, se, mean) = Slope(points);
            if (perHour <= FlatSharePerHour * Math.Max(mean, 1) || (!double.IsNaN(se) && perHour <= 2 * se))
            {
                continue;
            }

            var end = final.GetValueOrDefault(name);
            var why = end is null ? "gone at the end"
                : end.WithoutTtl > 0 ? $"**{end.WithoutTtl} of {end.SampledTtls} sampled keys without a TTL**"
                : $"every sampled key expires (longest left {Ttl(end.MaxTtl)}): bounded by that retention";
            result.Add((name, perHour, why));
        }

        return result;
    }

    private static string Ttl(TimeSpan t) => t.TotalDays >= 1 ? $"{F(t.TotalDays, "0.0")} d" : t.TotalHours >= 1 ? $"{F(t.TotalHours, "0.0")} h" : $"{F(t.TotalMinutes, "0.0")} min";

    private static string Ms(double value) => value >= 100 ? F(value) : F(value, "0.0");

    private static string Csv(Soak soak)
    {
        var rows = soak.Intervals;
        var roles = rows.Count == 0 ? [] : rows[0].Memory.Keys.ToList();
        var text = new StringBuilder();
        text.Append("interval,end_min,seconds,sent,accepted,refused,correlated,no_event_over_10s,p50_ms,p95_ms,p99_ms,max_ms,");
        text.Append(string.Concat(roles.Select(r => $"{r}_rss_mb,{r}_private_mb,{r}_gc_heap_mb,{r}_cpu_pct,")));
        text.Append("backlog_now,backlog_max,redis_keys,redis_keys_mb_est,redis_used_mb,redis_cmd_per_s,redis_ping_p50_ms,redis_ping_p99_ms,load_avg_1m,machine_busy_pct\n");
        foreach (var r in rows)
        {
            text.Append(Invariant, $"{r.Index},{r.EndMinutes:0.00},{r.Seconds:0.0},{r.Sent},{r.Accepted},{r.Refused},{r.Correlated},{r.WaitingOver10s},{r.P50Ms:0.0},{r.P95Ms:0.0},{r.P99Ms:0.0},{r.MaxMs:0.0},");
            foreach (var role in roles)
            {
                var m = r.Memory.GetValueOrDefault(role);
                text.Append(Invariant, $"{m?.RssMb:0.0},{m?.PrivateMb:0.0},{m?.GcHeapMb:0.0},{m?.CpuPercent:0.0},");
            }

            text.Append(Invariant, $"{r.BacklogNow},{r.BacklogMax},{r.RedisKeys},{r.RedisKeysMbEstimate:0.00},{r.RedisUsedMb:0.00},{r.RedisCommandsPerSecond:0},{r.RedisPingP50Ms:0.00},{r.RedisPingP99Ms:0.00},{r.LoadAverage:0.00},{r.MachineBusyPercent:0.0}\n");
        }

        return text.ToString();
    }
}
