using System.Globalization;
using System.Text;

namespace Correlation.Load;

/// <summary>Writes the run's Markdown report and CSVs under the results folder.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] Processes = ["host", "ingest", "correlator", "harness", "rabbitmq", "redis", "alertmanager"];

    public static void Write(Harness harness)
    {
        var options = harness.Options;
        Directory.CreateDirectory(options.Results);
        var md = Path.Combine(options.Results, options.Name + ".md");
        var csv = Path.Combine(options.Results, options.Name + ".csv");
        var backlog = Path.Combine(options.Results, options.Name + "-backlog.csv");
        File.WriteAllText(md, Markdown(harness));
        File.WriteAllText(csv, Csv(harness.Results));
        File.WriteAllText(backlog, BacklogCsv(harness));
        harness.Say($"wrote {md}, {csv} and {backlog}");
    }

    private static string Settled(StepResult r) => r.System != "pipeline" ? "-"
        : r.SettleSeconds is { } s ? F(s, "0.0") : $"no: {F(r.LeftQueued)} queued";

    private static string F(double value, string format = "N0") => value.ToString(format, Invariant);

    private static string Ms(double value) => value >= 100 ? F(value) : F(value, "0.0");

    public static StepResult? BestSustained(IEnumerable<StepResult> results, string system) => results
        .Where(r => r.System == system && r.Workload == "constant rate, unique" && r.Sustained)
        .MaxBy(r => r.OfferedRate);

    private static string Markdown(Harness harness)
    {
        var results = harness.Results;
        var options = harness.Options;
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        var cpuModel = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memory = File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

        Line("# The whole pipeline under load, beside Alertmanager and the raw broker");
        Line();
        Line($"Written by `{options.Command}` (benchmarks/pipeline-load.sh, `Correlation.Load --profile {options.Profile.ToString().ToLowerInvariant()}`) on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC,");
        Line($"{Environment.ProcessorCount} cores ({cpuModel}), {F(double.Parse(memory, Invariant) / 1048576, "0")} GiB RAM. The all-in-one host (Release, a process of its own),");
        Line("RabbitMQ, Redis, Alertmanager and the harness all share these cores, with whatever else the machine runs: the");
        Line("\"machine\" column of the CPU table is the whole machine's busy share, so what other work took is visible. Read every");
        Line("figure as a lower bound for this hardware.");
        Line();

        Headline(harness, Line);

        Line("## Every step");
        Line();
        Line("Latency is from the moment the harness sent an alarm (the HTTP request, or the datagram) to the arrival of the first");
        Line("incident event carrying it (IncidentOpened/Updated/Merged/Resolved, on a queue of the harness's own bound to the");
        Line("correlator's event exchanges; for Alertmanager, the first webhook notification carrying its alert). Accepted/s counts");
        Line("alarms answered 202 (confirmed by the broker), from the first send to the last answer; correlated/s the alarms with");
        Line("their event, from the first send to the last event. \"Sustained\": the schedule was kept (95% of the offered rate sent),");
        Line("nothing refused or missing, and p99 within one second.");
        Line();
        Line("\"Drain s\" runs from the first send to the last alarm's incident event; \"settled s\" until every queue of the host was");
        Line("empty again (triage, router and console done with the step's events).");
        Line();
        Line("| system | workload | step | channel | sent | sent/s | accepted/s | correlated/s | p50 ms | p95 ms | p99 ms | max ms | 202 p99 ms | drain s | settled s | incidents | F1 | ARI | sustained |");
        Line("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|");
        foreach (var r in results)
        {
            Line($"| {r.System} | {r.Workload} | {r.Step} | {r.Channel} | {F(r.Sent)} | {F(r.SentPerSecond)} | {(r.AcceptedPerSecond > 0 ? F(r.AcceptedPerSecond) : "-")} | {F(r.CorrelatedPerSecond)} | {Ms(r.P50Ms)} | {Ms(r.P95Ms)} | {Ms(r.P99Ms)} | {Ms(r.MaxMs)} | {(r.AcceptP99Ms > 0 ? Ms(r.AcceptP99Ms) : "-")} | {F(r.DrainSeconds, "0.0")}{(r.DrainTimedOut ? " (limit)" : "")} | {Settled(r)} | {F(r.Incidents)} | {(r.F1 is { } f1 ? F(f1, "0.000") : "-")} | {(r.Ari is { } ari ? F(ari, "0.000") : "-")} | {(r.Sustained ? "yes" : "no")} |");
        }

        Line();
        Line("## Every alarm accounted for");
        Line();
        Line("For the pipeline, an alarm with no incident event is looked up in the correlator's own record of applied alarms");
        Line("(`correlator:applied:<idempotency key>` in Redis): an empty value is a clear the correlator ignored because no open");
        Line("incident held its condition (no event by design), an incident id means it was decided but its event never reached");
        Line("the tap, no value means it was never decided. Traps and syslog get their keys from ingest, so there every alarm without");
        Line("an event counts as missing (UDP may also drop). For Alertmanager, \"deduplicated\" are alarms whose alert (same label");
        Line("set) had already been notified, and clears are not notified (send_resolved is off).");
        Line();
        Line("Where a step hit its drain limit, \"missing\" and \"decided, no event\" are alarms still in the pipeline when the harness");
        Line("stopped waiting (marked \"at limit\"), not losses. Redis PING is the harness's round trip to Redis during the step: on an");
        Line("idle machine it is a fraction of a millisecond, and what it grows to is what every hop of the pipeline waits for a core.");
        Line();
        Line("Redis slow calls are this run's commands that ran 10 ms or more inside Redis (its SLOWLOG, which names the key");
        Line("prefix): Redis runs one command at a time, so while one of the correlator's Lua scripts runs, every other call waits.");
        if (harness.IdlePing is { } idle)
        {
            Line($"Before anything of the run started, Redis PING took {F(idle.P50, "0.00")} ms at p50 and {F(idle.P99, "0.00")} ms at p99.");
        }

        Line();
        Line("| system | workload | step | channel | sent | accepted | refused | with event | ignored clears | decided, no event | missing | deduplicated | Redis PING p50 / p99 ms | Redis slow calls: n / total ms / max ms | note |");
        Line("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var limit = r.DrainTimedOut ? " (at limit)" : "";
            Line($"| {r.System} | {r.Workload} | {r.Step} | {r.Channel} | {F(r.Sent)} | {F(r.Accepted)} | {F(r.Refused)} | {F(r.Correlated)} | {F(r.IgnoredClears)} | {F(r.DecidedNoEvent)}{(r.DecidedNoEvent > 0 ? limit : "")} | {F(r.Missing)}{(r.Missing > 0 ? limit : "")} | {F(r.Deduplicated)} | {(r.RedisPingP50Ms > 0 ? $"{F(r.RedisPingP50Ms, "0.0")} / {F(r.RedisPingP99Ms, "0.0")}" : "-")} | {(r.System == "pipeline" ? $"{F(r.RedisSlow.Count)} / {F(r.RedisSlow.TotalMs)} / {F(r.RedisSlow.MaxMs)}" : "-")} | {r.Note} |");
        }

        Line();
        Backlog(harness, Line);
        TimeSpent(results, Line);
        SlowScripts(results, Line);
        Cpu(results, harness.Ceiling, Line);
        Ceiling(harness, Line);

        if (harness.EventTypes.Count > 0)
        {
            Line("## Incident events the tap received");
            Line();
            Line("| host session | " + string.Join(" | ", EventTap.EventTypes) + " | not the harness's |");
            Line("|---|" + string.Concat(Enumerable.Repeat("---:|", EventTap.EventTypes.Length + 1)));
            foreach (var (session, byType, unmatched) in harness.EventTypes)
            {
                Line($"| {session} | " + string.Join(" | ", EventTap.EventTypes.Select(t => F(byType.GetValueOrDefault(t)))) + $" | {F(unmatched)} |");
            }

            Line();
        }

        Line("## How the run is set up");
        Line();
        Line("- Each part starts its own all-in-one host (`services/Correlation.AllInOne`, Release) on 127.0.0.1 with a free HTTP port,");
        Line("  free trap and syslog ports, its own `RabbitMq:EntityPrefix` and `Redis:KeyPrefix` (deleted at the end), temporary");
        Line("  queues, and the CMDB of the network the storm was generated on (for Huawei, the topology `correlation evaluate --huawei`");
        Line("  builds from the dataset's links, written out with CmdbWriter). A warm-up of 200 alarms runs first, unmeasured.");
        Line("- HTTP: `POST /api/v1/alarms/batch` with up to 100 alarms a request and at most 32 requests in flight, or `POST /api/v1/alarms`");
        Line("  with 64 in flight. Alarms are sent when due; a sender held up by slow answers falls behind and then sends fuller batches.");
        Line("  Traps are SNMP v2c, pre-encoded before the clock starts, mapped by a configured trap rule (`Nms:Snmp:Rules`); syslog lines");
        Line("  are RFC 5424 over UDP, mapped by a configured syslog rule.");
        Line("- Storms keep their own spacing in `observedAt`, rebased so that the last alarm's time is the start of the send: the");
        Line("  correlator's window works in observed time, so a storm replayed faster than real time is still grouped as it happened.");
        Line("  Constant-rate alarms carry no `observedAt` (ingest stamps it). \"Unique\" alarms are each a condition of their own on the");
        Line("  CMDB's devices; \"90% repeats\" send nine in ten alarms as repeats of a few hundred conditions (same device, type and");
        Line("  instance, new idempotency key): a chattering network.");
        Line("- A constant-rate step lasts " + F(harness.Plan.StepSeconds) + $" s or {F(harness.Plan.StepMaxAlarms)} alarms, whichever is first; a step that does not drain");
        Line($"  within its limit ({F(harness.Plan.DrainSecondsBase)} s after the last send plus one second per {F(harness.Plan.DrainAlarmsPerSecond)} alarms), or that is correlated at under");
        Line("  half the offered rate, ends the series. After each step the harness waits for every queue of the host to empty (\"settled\"),");
        Line($"  at most {F(harness.Plan.SettleSecondsBase)} s plus one second per {F(harness.Plan.SettleAlarmsPerSecond)} alarms; what was still queued then is in the table.");
        Line($"- Alertmanager {AlertmanagerVersion(options)}: a fresh process per workload on loopback, `group_by: [alertname, site]`,");
        Line($"  `group_wait: {AlertmanagerSide.GroupWait}`, `group_interval: {AlertmanagerSide.GroupInterval}` (its defaults, 30 s and 5 min, would add that much latency),");
        Line("  a webhook receiver in the harness (`max_alerts: 0`, so every notification lists its whole group). Alerts go to");
        Line("  `POST /api/v2/alerts`, 100 a request, 32 in flight. Alertmanager groups by label values alone: alerts of one");
        Line("  alertname and site are one group however far apart they happened, so on a storm replayed in seconds it can only");
        Line("  join what the time-aware grouping of `correlation evaluate`'s Alertmanager-style baseline would split.");
        Line("- CPU is % of one core over the step (send and drain), from /proc; RSS is the peak. The host runs ingest, correlator,");
        Line("  triage, router and console in one process.");
        foreach (var note in harness.Notes)
        {
            Line($"- {note}");
        }

        Line();
        return text.ToString();
    }

    private static void Headline(Harness harness, Action<string> line)
    {
        var results = harness.Results;
        var ours = BestSustained(results, "pipeline");
        var theirs = BestSustained(results, "alertmanager");
        var burst = results.FirstOrDefault(r => r.System == "pipeline" && r.Workload == "burst");
        var alone = results.FirstOrDefault(r => r.System == "pipeline" && r.Workload == "burst, correlator alone");
        var amBurst = results.FirstOrDefault(r => r.System == "alertmanager" && r.Workload == "burst");
        var storm = results.FirstOrDefault(r => r.System == "pipeline" && r.Workload == "labelled storm");
        var amStorm = results.FirstOrDefault(r => r.System == "alertmanager" && r.Workload == "labelled storm");
        var single = harness.Ceiling?.Runs.FirstOrDefault(r => r.AlarmsPerMessage == 1);
        var batched = harness.Ceiling?.Runs.FirstOrDefault(r => r.AlarmsPerMessage > 1);
        string Ratio(double? a, double? b) => a is > 0 && b is > 0 ? F(a.Value / b.Value, (a.Value / b.Value) switch { < 0.01 => "0.0000", < 0.1 => "0.000", _ => "0.00" }) + "×" : "-";
        string Drain(StepResult r) => F(r.DrainSeconds, "0.0") + (r.Missing + r.DecidedNoEvent > 0 ? " (not drained)" : "");

        line("## Headline");
        line("");
        line("| figure | Correlation (whole pipeline) | Alertmanager | ours ÷ Alertmanager |");
        line("|---|---:|---:|---:|");
        line($"| highest constant rate sustained, unique alarms (p99 ≤ 1 s to the incident event), alarms/s | {(ours is null ? "none" : F(ours.OfferedRate))} | {(theirs is null ? "none" : F(theirs.OfferedRate))} | {Ratio(ours?.OfferedRate, theirs?.OfferedRate)} |");
        line($"| p99 latency at that rate, ms | {(ours is null ? "-" : Ms(ours.P99Ms))} | {(theirs is null ? "-" : Ms(theirs.P99Ms))} | |");
        if (burst is not null)
        {
            line($"| {F(burst.Sent)}-alarm burst: first send to last alarm correlated, s | {Drain(burst)} | {(amBurst is null ? "-" : Drain(amBurst))} | {Ratio(amBurst?.DrainSeconds, burst.DrainSeconds)} (time, inverted) |");
            line($"| burst: alarms/s accepted / correlated | {F(burst.AcceptedPerSecond)} / {F(burst.CorrelatedPerSecond)} | {(amBurst is null ? "-" : $"{F(amBurst.AcceptedPerSecond)} / {F(amBurst.CorrelatedPerSecond)}")} | {Ratio(burst.CorrelatedPerSecond, amBurst?.CorrelatedPerSecond)} |");
            if (alone is not null)
            {
                line($"| {F(alone.Sent)}-alarm burst on Ingest.Feeds + the Correlator alone (no triage, router, console): drain s; correlated/s | {Drain(alone)}; {F(alone.CorrelatedPerSecond)} | | |");
            }
        }

        if (storm is not null)
        {
            line($"| labelled storm ({F(storm.Sent)} alarms at {Plan.Rate(storm.OfferedRate)}): pairwise F1 / adjusted Rand index | {F(storm.F1 ?? 0, "0.000")} / {F(storm.Ari ?? 0, "0.000")} | {(amStorm is null ? "-" : $"{F(amStorm.F1 ?? 0, "0.000")} / {F(amStorm.Ari ?? 0, "0.000")}")} | {Ratio(storm.F1, amStorm?.F1)} (F1) |");
            line($"| labelled storm: p99 latency, ms; incidents | {Ms(storm.P99Ms)}; {F(storm.Incidents)} | {(amStorm is null ? "-" : $"{Ms(amStorm.P99Ms)}; {F(amStorm.Incidents)}")} | |");
            if (harness.Offline is { } offline)
            {
                line($"| same storm offline (`correlation evaluate`): engine; Alertmanager-style baseline (time-aware), F1 / ARI | {F(offline.Engine.F1, "0.000")} / {F(offline.Engine.AdjustedRandIndex, "0.000")} | {F(offline.AlertmanagerStyle.F1, "0.000")} / {F(offline.AlertmanagerStyle.AdjustedRandIndex, "0.000")} | |");
            }
        }

        line("");
        if (single is not null || batched is not null)
        {
            line("| raw broker ceiling (RabbitMQ.Client, confirms, one durable queue) | messages/s | alarms/s | our sustained rate ÷ ceiling | our burst correlated/s ÷ ceiling |");
            line("|---|---:|---:|---:|---:|");
            foreach (var run in new[] { single, batched }.OfType<CeilingRun>())
            {
                line($"| {run.Label}, {F(run.Bytes)} B | {F(run.MessagesPerSecond)} | {F(run.AlarmsPerSecond)} | {Ratio(ours?.OfferedRate, run.AlarmsPerSecond)} | {Ratio(burst?.CorrelatedPerSecond, run.AlarmsPerSecond)} |");
            }

            line("");
            line("The pipeline carries many alarms per message into the correlator (AlarmsReceived, one per HTTP batch) but publishes one");
            line("incident event per alarm, which triage and the console each consume: the first row is the ceiling of that hop.");
            line("");
        }
    }

    private static void Backlog(Harness harness, Action<string> line)
    {
        var steps = harness.Backlog.Where(b => b.Series.Count > 0).ToList();
        if (steps.Count == 0)
        {
            return;
        }

        var queues = steps.SelectMany(s => s.Step.MaxQueueDepth.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        line("## Broker backlog");
        line("");
        line("Most messages ready in each of the host's queues during each step (read twice a second with a passive declare;");
        line("messages a consumer has taken but not yet acknowledged, up to its prefetch, are not counted). alarms-received is the");
        line("correlator's input (one message per HTTP batch or trap batch); triage-incident, incident-projection (console) and");
        line("incident-stage take every incident event; incident-triaged feeds the router. The full series is in the -backlog.csv.");
        line("");
        line("| workload | step | channel | " + string.Join(" | ", queues) + " |");
        line("|---|---|---|" + string.Concat(queues.Select(_ => "---:|")));
        foreach (var (step, _) in steps)
        {
            line($"| {step.Workload} | {step.Step} | {step.Channel} | " + string.Join(" | ", queues.Select(q => F(step.MaxQueueDepth.GetValueOrDefault(q)))) + " |");
        }

        line("");
        var burst = steps.FirstOrDefault(s => s.Step.Workload == "burst");
        if (burst.Step is not null)
        {
            var origin = burst.Series.Values.Where(s => s.Count > 0).Select(s => s[0].At).DefaultIfEmpty(0).Min();
            var busy = queues.Where(q => burst.Step.MaxQueueDepth.GetValueOrDefault(q) > 0).ToList();
            var seriesByQueue = burst.Series.ToDictionary(s => s.Key[(s.Key.IndexOf('-', StringComparison.Ordinal) + 1)..], s => s.Value, StringComparer.Ordinal);
            line($"Backlog over time in the {F(burst.Step.Sent)}-alarm burst (messages ready, every 2 s):");
            line("");
            line("| s | " + string.Join(" | ", busy) + " |");
            line("|---:|" + string.Concat(busy.Select(_ => "---:|")));
            var end = burst.Series.Values.SelectMany(s => s).Select(p => p.At).DefaultIfEmpty(origin).Max();
            for (var t = 0.0; origin + (long)(t * System.Diagnostics.Stopwatch.Frequency) <= end; t += 2)
            {
                var at = origin + (long)(t * System.Diagnostics.Stopwatch.Frequency);
                line($"| {F(t)} | " + string.Join(" | ", busy.Select(q => Depth(seriesByQueue, q, at))) + " |");
            }

            line("");
        }
    }

    private static string Depth(Dictionary<string, IReadOnlyList<(long At, long Depth)>> series, string queue, long at)
    {
        var match = series.FirstOrDefault(s => s.Key.EndsWith(queue, StringComparison.Ordinal)).Value;
        if (match is null || match.Count == 0)
        {
            return "-";
        }

        var last = match.LastOrDefault(p => p.At <= at);
        return last == default ? "0" : F(last.Depth);
    }

    private static void TimeSpent(IReadOnlyList<StepResult> results, Action<string> line)
    {
        var steps = results.Where(r => r.System == "pipeline" && r.Consumers.Count > 0).ToList();
        if (steps.Count == 0)
        {
            return;
        }

        var names = steps.SelectMany(r => r.Consumers.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        line("## Where the host's time goes");
        line("");
        line("From the host's own metrics (`/metrics`: MassTransit's consume duration per consumer, the correlator's decision");
        line("duration), summed over each step up to \"settled\". Per consumer: messages taken / mean ms a message / busy, the");
        line("consume time divided by the step's length (how many of its messages were in hand at once on average; above 1 when it");
        line("runs several at a time). BatchConsumer_AlarmsReceived is the correlator's batch (one decision pass over up to 500");
        line("alarms, then the publish of one incident event per alarm); the decisions rows count alarms.");
        line("");
        line("| workload | step | channel | s | " + string.Join(" | ", names) + " |");
        line("|---|---|---|---:|" + string.Concat(names.Select(_ => "---|")));
        foreach (var r in steps)
        {
            line($"| {r.Workload} | {r.Step} | {r.Channel} | {F(r.StepWallSeconds, "0.0")} | " + string.Join(" | ", names.Select(n => r.Consumers.TryGetValue(n, out var c)
                ? $"{F(c.Count)} / {F(c.SumMs / Math.Max(c.Count, 1), "0.0")} / {F(c.SumMs / 1000 / Math.Max(r.StepWallSeconds, 1e-3), "0.00")}"
                : "-")) + " |");
        }

        line("");
    }

    private static void SlowScripts(IReadOnlyList<StepResult> results, Action<string> line)
    {
        var steps = results.Where(r => r.RedisSlow.Count > 0).ToList();
        if (steps.Count == 0)
        {
            return;
        }

        var names = steps.SelectMany(r => r.RedisSlow.ByName.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        line("## Redis held by the pipeline's own calls");
        line("");
        line("Calls of this run that ran 10 ms or more inside Redis (SLOWLOG), by correlator script (named by SHA-1) or command:");
        line("count / total ms / longest ms. Redis runs one call at a time, so for that long every other client of this Redis");
        line("waited. The log keeps 128 entries: a count of 128 means at least that many, and the totals are lower bounds.");
        line("");
        line("| workload | step | channel | s | " + string.Join(" | ", names) + " |");
        line("|---|---|---|---:|" + string.Concat(names.Select(_ => "---|")));
        foreach (var r in steps)
        {
            line($"| {r.Workload} | {r.Step} | {r.Channel} | {F(r.StepWallSeconds, "0.0")} | " + string.Join(" | ", names.Select(n => r.RedisSlow.ByName.TryGetValue(n, out var c)
                ? $"{F(c.Count)} / {F(c.TotalMs)} / {F(c.MaxMs)}"
                : "-")) + " |");
        }

        line("");
    }

    private static void Cpu(IReadOnlyList<StepResult> results, CeilingResult? ceiling, Action<string> line)
    {
        line("## CPU and memory");
        line("");
        line("CPU as % of one core over the step (send, drain and settle; 200% is both cores), peak RSS in MiB; machine: the whole");
        line("machine's busy share of all its cores (anything above the sum of the rows is other work on the machine).");
        line("");
        line("CPU an alarm: CPU time over the step divided by the alarms sent, for the pipeline's own processes (host, or ingest");
        line("and correlator), RabbitMQ and Redis. It includes what triage, router and console did for the step's events until");
        line("the host settled (a lower bound where it did not settle within its limit).");
        line("");
        line("| system | workload | step | channel | system µs an alarm (host, or ingest + correlator, or Alertmanager) | RabbitMQ µs an alarm | Redis µs an alarm |");
        line("|---|---|---|---|---:|---:|---:|");
        foreach (var r in results.Where(r => r.Usage is not null && r.Sent > 0))
        {
            var u = r.Usage!;
            double Us(params string[] names) => names.Sum(n => u.Processes.TryGetValue(n, out var p) ? p.CpuPercent / 100 * u.Seconds : 0) / r.Sent * 1e6;
            line($"| {r.System} | {r.Workload} | {r.Step} | {r.Channel} | {F(Us("host", "ingest", "correlator", "alertmanager"))} | {F(Us("rabbitmq"))} | {F(Us("redis"))} |");
        }

        line("");
        line("| system | workload | step | channel | " + string.Join(" | ", Processes.Select(p => $"{p} CPU %")) + " | machine % | " + string.Join(" | ", Processes.Select(p => $"{p} MiB")) + " |");
        line("|---|---|---|---|" + string.Concat(Enumerable.Repeat("---:|", Processes.Length * 2 + 1)));
        foreach (var r in results.Where(r => r.Usage is not null))
        {
            line($"| {r.System} | {r.Workload} | {r.Step} | {r.Channel} | " + Usage(r.Usage!, line) + " |");
        }

        foreach (var run in ceiling?.Runs ?? [])
        {
            line($"| raw broker | ceiling | {run.Label} | RabbitMQ.Client | " + Usage(run.Usage, line) + " |");
        }

        line("");

        static string Usage(Usage usage, Action<string> _) =>
            string.Join(" | ", Processes.Select(p => usage.Processes.TryGetValue(p, out var u) ? F(u.CpuPercent) : "-"))
            + $" | {F(usage.MachinePercent)} | "
            + string.Join(" | ", Processes.Select(p => usage.Processes.TryGetValue(p, out var u) ? F(u.PeakRssMb) : "-"));
    }

    private static void Ceiling(Harness harness, Action<string> line)
    {
        if (harness.Ceiling is not { } ceiling)
        {
            return;
        }

        line("## Raw broker ceiling");
        line("");
        line("One RabbitMQ.Client 7 publisher with publisher confirms (at most \"window\" unconfirmed) and one consumer (manual");
        line("acknowledgements, one per 100 messages, prefetch twice the window), one durable queue, persistent messages of the");
        line("pipeline's own sizes (the incident event's mean size as the tap received them; an AlarmsReceived of 100 alarms as read");
        line($"off the broker in the warm-up), {F(harness.Plan.CeilingSeconds)} s of publishing each, in the same run as the pipeline.");
        line("");
        line("| messages | bytes | window | published | consumed | s | messages/s | alarms/s |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in ceiling.Runs)
        {
            line($"| {run.Label} | {F(run.Bytes)} | {F(run.Window)} | {F(run.Published)} | {F(run.Consumed)} | {F(run.Seconds, "0.0")} | {F(run.MessagesPerSecond)} | {F(run.AlarmsPerSecond)} |");
        }

        line("");
    }

    private static string AlertmanagerVersion(HarnessOptions options)
    {
        if (options.Alertmanager is not { } binary || !File.Exists(binary))
        {
            return "(not run)";
        }

        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(binary, ["--version"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n')[0].Replace("alertmanager, version ", "", StringComparison.Ordinal).Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    private static string Csv(IReadOnlyList<StepResult> results)
    {
        var text = new StringBuilder();
        var queues = results.SelectMany(r => r.MaxQueueDepth.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        text.Append("system,workload,step,channel,offered_per_s,sent,accepted,refused,correlated,ignored_clears,decided_no_event,missing,deduplicated,")
            .Append("send_s,sent_per_s,accepted_per_s,correlated_per_s,drain_s,drain_timed_out,p50_ms,p95_ms,p99_ms,max_ms,accept_p99_ms,incidents,f1,ari,precision,recall,sustained,settle_s,left_queued,redis_ping_p50_ms,redis_ping_p99_ms,redis_slow_calls,redis_slow_total_ms,redis_slow_max_ms,resolved_before_notified,")
            .Append(string.Join(',', Processes.Select(p => $"{p}_cpu_pct"))).Append(",machine_cpu_pct,")
            .Append(string.Join(',', Processes.Select(p => $"{p}_rss_mib")))
            .Append(queues.Count > 0 ? "," + string.Join(',', queues.Select(q => $"max_ready_{q}")) : "")
            .Append('\n');
        foreach (var r in results)
        {
            var usage = r.Usage;
            string[] cells =
            [
                r.System, Quote(r.Workload), Quote(r.Step), r.Channel, F(r.OfferedRate, "0"), F(r.Sent, "0"), F(r.Accepted, "0"), F(r.Refused, "0"), F(r.Correlated, "0"),
                F(r.IgnoredClears, "0"), F(r.DecidedNoEvent, "0"), F(r.Missing, "0"), F(r.Deduplicated, "0"), F(r.SendSeconds, "0.000"), F(r.SentPerSecond, "0"),
                F(r.AcceptedPerSecond, "0"), F(r.CorrelatedPerSecond, "0"), F(r.DrainSeconds, "0.000"), r.DrainTimedOut ? "1" : "0", F(r.P50Ms, "0.0"), F(r.P95Ms, "0.0"),
                F(r.P99Ms, "0.0"), F(r.MaxMs, "0.0"), F(r.AcceptP99Ms, "0.0"), F(r.Incidents, "0"), r.F1 is { } f1 ? F(f1, "0.0000") : "", r.Ari is { } ari ? F(ari, "0.0000") : "",
                r.Precision is { } p ? F(p, "0.0000") : "", r.Recall is { } rc ? F(rc, "0.0000") : "", r.Sustained ? "1" : "0",
                r.SettleSeconds is { } settle ? F(settle, "0.000") : "", F(r.LeftQueued, "0"), F(r.RedisPingP50Ms, "0.00"), F(r.RedisPingP99Ms, "0.00"),
                F(r.RedisSlow.Count, "0"), F(r.RedisSlow.TotalMs, "0"), F(r.RedisSlow.MaxMs, "0"), F(r.ResolvedBeforeNotified, "0"),
                .. Processes.Select(name => usage?.Processes.TryGetValue(name, out var u) == true ? F(u.CpuPercent, "0.0") : ""),
                usage is null ? "" : F(usage.MachinePercent, "0.0"),
                .. Processes.Select(name => usage?.Processes.TryGetValue(name, out var u) == true ? F(u.PeakRssMb, "0") : ""),
                .. queues.Select(q => r.MaxQueueDepth.TryGetValue(q, out var d) ? F(d, "0") : ""),
            ];
            text.Append(string.Join(',', cells)).Append('\n');
        }

        return text.ToString();
    }

    private static string BacklogCsv(Harness harness)
    {
        var text = new StringBuilder("workload,step,channel,queue,seconds,ready\n");
        foreach (var (step, series) in harness.Backlog)
        {
            var origin = series.Values.Where(s => s.Count > 0).Select(s => s[0].At).DefaultIfEmpty(0).Min();
            foreach (var (queue, points) in series)
            {
                foreach (var (at, depth) in points)
                {
                    text.Append(Quote(step.Workload)).Append(',').Append(Quote(step.Step)).Append(',').Append(step.Channel).Append(',').Append(queue).Append(',')
                        .Append(F(Ledger.Seconds(at - origin), "0.0")).Append(',').Append(F(depth, "0")).Append('\n');
                }
            }
        }

        return text.ToString();
    }

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}
