using System.Diagnostics;
using System.Globalization;
using Correlation.Ingest.Replay;
using Correlation.Topology;
using StackExchange.Redis;

namespace Correlation.Load;

/// <summary>
/// The soak (<c>--profile soak</c>, <c>make soak</c>): one all-in-one host fed a labelled storm at a steady rate for a
/// long time, the storm replayed in a loop, each pass with fresh idempotency keys and fingerprints so that every pass is
/// new conditions on the same network (incidents open, grow, clear and resolve, and the correlator's window turns over).
/// Every interval it records what was sent and correlated, the latency of the alarms whose event came in that interval,
/// the memory of each process, Redis's and RabbitMQ's, and the machine's load; <see cref="SoakReport"/> writes the
/// table and the verdict.
/// </summary>
internal sealed class Soak(Harness harness)
{
    /// <summary>A pass that finished sending is accounted for and let go once every alarm has its event, or after this.</summary>
    private static readonly TimeSpan RetireAfter = TimeSpan.FromMinutes(2);

    private readonly List<Pass> _active = [];
    private readonly List<SoakInterval> _intervals = [];
    private readonly Stopwatch _since = new();
    private long _refusedBefore;
    private long _retiredRefused;

    public SoakTotals Totals { get; } = new();

    public IReadOnlyList<SoakInterval> Intervals => _intervals;

    /// <summary>Redis key families of the session at the end: count, sampled TTLs.</summary>
    public IReadOnlyList<KeyFamily> FinalFamilies { get; private set; } = [];

    public string RedisPrefix { get; private set; } = "";

    public IReadOnlyDictionary<string, string> HostExtraSettings { get; private set; } = new Dictionary<string, string>();

    public double DrainSeconds { get; private set; }

    public int Passes { get; private set; }

    public int StormAlarms { get; private set; }

    public string? Failure { get; private set; }

    /// <summary>Incident events the tap received, by type: that incidents opened, grew, merged and resolved.</summary>
    public IReadOnlyDictionary<string, long> EventTypes { get; private set; } = new Dictionary<string, long>();

    /// <summary>The host's settings beyond the harness's own: shorter retentions, and the runtime's meter on /metrics for the GC heap.</summary>
    public static Dictionary<string, string> Settings(TimeSpan? retention)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // .NET's own "System.Runtime" meter (GC heap sizes among others), exported with the services' meters.
            ["Metrics__EnabledMetrics__System.Runtime"] = "true",
        };
        if (retention is { } r)
        {
            var text = r.ToString("c", CultureInfo.InvariantCulture);
            foreach (var key in new[] { "Correlator__DedupHorizon", "Correlator__ResolvedRetention", "Triage__ResolvedRetention", "Console__ResolvedRetention" })
            {
                settings[key] = text;
            }

            // The router keeps an incident's keys for this long after its last event (7 days by default); twice the dedup
            // horizon, so that an open incident outlives, here, its expiry in the correlator (whose Resolved event comes then).
            // (A minute at least: the shortest the router takes.)
            settings["Router__Retention"] = TimeSpan.FromTicks(Math.Max((r * 2).Ticks, TimeSpan.FromMinutes(1).Ticks)).ToString("c", CultureInfo.InvariantCulture);

            // An incident stops taking new members at this age (1 h by default): under a load that never goes quiet, the
            // incidents of the first minutes would otherwise grow through any run shorter than that (and with them
            // triage's member hashes), so the run would show their growth instead of the state's steady size.
            settings["Correlator__Scoring__MaxJoinAge"] = text;

            // The console's event stream (for clients that reconnect) is capped by length, not time: at its default of
            // 100,000 events it would fill for half an hour at 50 alarms/s.
            settings["Console__StreamMaxLength"] = "10000";
        }

        return settings;
    }

    public async Task<int> RunAsync(Storm storm, NetworkTopology topology, CancellationToken cancellationToken)
    {
        var options = harness.Options;
        var rate = options.SoakRate;
        var total = (long)Math.Round(rate * options.SoakMinutes * 60);
        var interval = TimeSpan.FromSeconds(options.SoakIntervalSeconds);
        HostExtraSettings = Settings(options.SoakRetention);
        StormAlarms = storm.Alarms.Count;
        await using var session = await PipelineSession.StartAsync(harness, "soak", options.Cmdb, cancellationToken, extra: HostExtraSettings);
        RedisPrefix = session.RedisPrefix;
        await session.WarmUpAsync(Workloads.Constant(topology, "warm", 0, 200, 0, 1), cancellationToken);
        harness.Say(string.Create(CultureInfo.InvariantCulture,
            $"soak: {total:N0} alarms at {rate:0.#}/s for {options.SoakMinutes:0.#} min, a {storm.Alarms.Count:N0}-alarm storm in a loop, one line every {interval.TotalSeconds:0} s"));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _since.Start();
        var pings = new RedisPings(session.Redis);
        _commandsBefore = await CommandsAsync(session);
        var sending = Task.Run(() => SendAsync(session, storm, rate, total, stop.Token), stop.Token);
        var from = Stopwatch.GetTimestamp();
        using (var timer = new PeriodicTimer(interval))
        {
            while (!sending.IsCompleted)
            {
                var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
                await Task.WhenAny(tick, sending);
                var to = Stopwatch.GetTimestamp();
                if (!tick.IsCompleted && Ledger.Seconds(to - from) < interval.TotalSeconds / 2)
                {
                    break;
                }

                var intervalPings = Interlocked.Exchange(ref pings, new RedisPings(session.Redis));
                await SampleAsync(session, from, to, Ledger.Seconds(to - from) < interval.TotalSeconds * 0.99, intervalPings);
                intervalPings.Dispose();
                from = to;
                if (session.Exited is { } tail)
                {
                    await stop.CancelAsync();
                    Failure = $"a process of the pipeline exited during the soak:\n{tail}";
                    harness.Say(Failure);
                    break;
                }
            }
        }

        pings.Dispose();
        try
        {
            await sending;
        }
        catch (OperationCanceledException) when (Failure is not null && !cancellationToken.IsCancellationRequested)
        {
            // the soak was stopped because the host went away
        }

        DrainSeconds = await DrainAsync(cancellationToken);
        foreach (var pass in _active.ToList())
        {
            await RetireAsync(session, pass);
        }

        FinalFamilies = await KeyFamiliesAsync(session, ttls: true);
        EventTypes = session.Tap.ByType;
        SoakReport.Write(harness, this);
        return Failure is null ? 0 : 1;
    }

    private async Task SendAsync(PipelineSession session, Storm storm, double rate, long total, CancellationToken cancellationToken)
    {
        long sent = 0;
        for (var pass = 0; sent < total; pass++)
        {
            var count = (int)Math.Min(storm.Alarms.Count, total - sent);
            var alarms = Pass.Alarms(storm.Alarms, pass, rate, count);
            var ledger = new Ledger("soak", $"pass {pass}", "http-batch", harness.NextSeq(count), alarms);
            var active = new Pass(ledger);
            lock (_active)
            {
                _active.Add(active);
            }

            session.Tap.Track(ledger);
            // One request at a time, in the storm's order, as one NMS forwarding its alarms would.
            await Pacer.RunAsync(ledger, 100, 1, session.Sender.Batches(ledger, DateTimeOffset.UtcNow), cancellationToken);
            active.SendEnded = Stopwatch.GetTimestamp();
            sent += count;
            Passes = pass + 1;
        }
    }

    /// <summary>After the last send: until every accepted alarm has its event, or nothing came for ten seconds, at most two minutes.</summary>
    private async Task<double> DrainAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var last = (Count: -1L, At: start);
        while (Ledger.Seconds(Stopwatch.GetTimestamp() - start) < RetireAfter.TotalSeconds)
        {
            List<Pass> passes;
            lock (_active)
            {
                passes = [.. _active];
            }

            var waiting = passes.Sum(p => p.Ledger.AcceptedCount - p.Ledger.CorrelatedCount);
            if (waiting <= 0)
            {
                break;
            }

            if (waiting != last.Count)
            {
                last = (waiting, Stopwatch.GetTimestamp());
            }
            else if (Ledger.Seconds(Stopwatch.GetTimestamp() - last.At) > 10)
            {
                break;
            }

            await Task.Delay(250, cancellationToken);
        }

        return Ledger.Seconds(Stopwatch.GetTimestamp() - start);
    }

    private long _commandsBefore;

    /// <summary>Commands the Redis server processed so far (every client's: it is shared).</summary>
    private static async Task<long> CommandsAsync(PipelineSession session)
    {
        var stats = await session.Redis.GetServers()[0].InfoAsync("stats");
        return stats.SelectMany(g => g).FirstOrDefault(p => p.Key == "total_commands_processed").Value is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : 0;
    }

    private async Task SampleAsync(PipelineSession session, long from, long to, bool partial, RedisPings pings)
    {
        List<Pass> passes;
        lock (_active)
        {
            passes = [.. _active];
        }

        long sent = 0, accepted = 0, correlated = 0, waiting = 0;
        var latencies = new List<double>();
        var old = to - 10 * Stopwatch.Frequency;
        foreach (var pass in passes)
        {
            var ledger = pass.Ledger;
            for (var i = 0; i < ledger.Count; i++)
            {
                var (s, a, c) = (ledger.Sent[i], ledger.Accepted[i], ledger.Correlated[i]);
                sent += s >= from && s < to ? 1 : 0;
                accepted += a >= from && a < to ? 1 : 0;
                if (c >= from && c < to)
                {
                    correlated++;
                    latencies.Add(Ledger.Seconds(c - s) * 1000);
                }
                else if (c == 0 && a != 0 && a < old)
                {
                    waiting++;
                }
            }
        }

        latencies.Sort();
        var sorted = latencies.ToArray();
        var refused = _retiredRefused + passes.Sum(p => p.Ledger.RejectedCount);
        var seconds = Ledger.Seconds(to - from);
        var usage = harness.Sampler.Between(from, to);
        var memory = new Dictionary<string, ProcessMemory>(StringComparer.Ordinal);
        foreach (var (role, pid, http) in session.Processes)
        {
            memory[role] = ProcessMemory.Read(pid) with { GcHeapMb = await GcHeapMbAsync(http), CpuPercent = Cpu(usage, role) };
        }

        var gc = GC.GetGCMemoryInfo();
        memory["harness"] = ProcessMemory.Read(Environment.ProcessId) with { GcHeapMb = gc.HeapSizeBytes / 1048576.0, CpuPercent = Cpu(usage, "harness") };
        foreach (var (role, port) in new[] { ("rabbitmq", harness.Options.RabbitUrl.Port), ("redis", RedisPort(harness.Options.Redis)) })
        {
            if (harness.Sampler.Pid(role) is { } pid)
            {
                memory[role] = ProcessMemory.Read(pid) with { CpuPercent = Cpu(usage, role) };
            }
            else if (ProcessSampler.ListenerOf(port) is { } found)
            {
                harness.Sampler.Watch(role, found);
                memory[role] = ProcessMemory.Read(found);
            }
        }

        var info = await session.Redis.GetServers()[0].InfoAsync("memory");
        var usedMemory = info.SelectMany(g => g).FirstOrDefault(p => p.Key == "used_memory").Value is { } used ? double.Parse(used, CultureInfo.InvariantCulture) / 1048576 : 0;
        var commands = await CommandsAsync(session);
        var families = await KeyFamiliesAsync(session, ttls: false);
        var queues = session.Queues.Between(from, to);
        var backlogMax = queues.Where(q => !q.Key.EndsWith(QueueMonitor.PendingSeries, StringComparison.Ordinal))
            .Sum(q => q.Value.Count == 0 ? 0 : q.Value.Max(p => p.Depth));
        var backlogNow = session.Queues.Latest().Values.Sum();
        var row = new SoakInterval
        {
            Index = _intervals.Count + 1,
            EndMinutes = _since.Elapsed.TotalMinutes,
            Seconds = seconds,
            Partial = partial,
            Sent = sent,
            Accepted = accepted,
            Refused = refused - _refusedBefore,
            Correlated = correlated,
            WaitingOver10s = waiting,
            P50Ms = PipelineSession.Percentile(sorted, 0.50),
            P95Ms = PipelineSession.Percentile(sorted, 0.95),
            P99Ms = PipelineSession.Percentile(sorted, 0.99),
            MaxMs = sorted.Length == 0 ? 0 : sorted[^1],
            Memory = memory,
            RedisUsedMb = usedMemory,
            RedisKeys = families.Sum(f => f.Count),
            RedisKeysMbEstimate = families.Sum(f => f.EstimatedBytes) / 1048576,
            Families = families,
            BacklogNow = backlogNow,
            BacklogMax = backlogMax,
            RedisPingP50Ms = pings.Percentile(0.5),
            RedisPingP99Ms = pings.Percentile(0.99),
            RedisCommandsPerSecond = (commands - _commandsBefore) / Math.Max(seconds, 1e-3),
            LoadAverage = LoadAverage(),
            MachineBusyPercent = usage.MachinePercent,
        };
        _refusedBefore = refused;
        _commandsBefore = commands;
        _intervals.Add(row);
        Totals.Sent += sent;
        harness.Say(row.Line(harness.Options.SoakMinutes * 60 / harness.Options.SoakIntervalSeconds));

        // What this run no longer needs goes, so that the harness's own memory stays flat too.
        session.Tap.ForgetIncidents();
        foreach (var pass in passes.Where(p => p.SendEnded != 0
            && (p.Ledger.CorrelatedCount >= p.Ledger.AcceptedCount || Ledger.Seconds(to - p.SendEnded) > RetireAfter.TotalSeconds)))
        {
            await RetireAsync(session, pass);
        }
    }

    /// <summary>Accounts for a pass's alarms (the correlator's applied-alarm keys tell the rest apart) and stops tracking it.</summary>
    private async Task RetireAsync(PipelineSession session, Pass pass)
    {
        var ledger = pass.Ledger;
        var (ignored, decided, missing) = await session.AccountAsync(ledger, ledger.Channel);
        Totals.Accepted += ledger.AcceptedCount;
        Totals.Refused += ledger.RejectedCount;
        Totals.Correlated += ledger.CorrelatedCount;
        Totals.IgnoredClears += ignored;
        Totals.DecidedNoEvent += decided;
        Totals.Missing += missing;
        Totals.SentInPasses += ledger.SentCount;
        _retiredRefused += ledger.RejectedCount;
        session.Tap.Untrack(ledger);
        lock (_active)
        {
            _active.Remove(pass);
        }
    }

    private static async Task<double?> GcHeapMbAsync(HttpClient http)
    {
        try
        {
            var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            double? bytes = null;
            foreach (var line in text.Split('\n'))
            {
                // The heap after the last collection, per generation (gen0-2, LOH, POH): the live managed memory.
                if (line.StartsWith("dotnet_gc_last_collection_heap_size_bytes{", StringComparison.Ordinal))
                {
                    bytes = (bytes ?? 0) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
                }
            }

            return bytes / 1048576;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or FormatException)
        {
            return null;
        }
    }

    private static double Cpu(Usage usage, string role) => usage.Processes.TryGetValue(role, out var p) ? p.CpuPercent : 0;

    private static int RedisPort(string configuration) =>
        int.Parse(configuration.Split(',')[0].Split(':') is { Length: 2 } hostPort ? hostPort[1] : "6379", CultureInfo.InvariantCulture);

    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>
    /// The session's keys grouped by family (ids in the key made '*'), counted with SCAN; each family's memory estimated
    /// from MEMORY USAGE of up to <see cref="SampledPerFamily"/> of its keys picked uniformly (reservoir sampling: SCAN's
    /// order follows the hash table, and the first keys of a family are not a fair sample of, say, timelines of every
    /// length), and with <paramref name="ttls"/> their remaining time to live (of up to 20 of them).
    /// </summary>
    /// <summary>Keys of a family whose MEMORY USAGE is read each interval: a family no larger is summed exactly.</summary>
    private const int SampledPerFamily = 500;

    // Seeded, so that two runs sample alike.
    private static readonly Random Sampling = new(20261205);

    private static async Task<IReadOnlyList<KeyFamily>> KeyFamiliesAsync(PipelineSession session, bool ttls)
    {
        var server = session.Redis.GetServers()[0];
        var db = session.Redis.GetDatabase();
        var byFamily = new Dictionary<string, (long Count, List<RedisKey> Sample)>(StringComparer.Ordinal);
        try
        {
            await foreach (var key in server.KeysAsync(pattern: session.RedisPrefix + "*", pageSize: 2000))
            {
                var family = KeyFamily.Of(((string)key!)[session.RedisPrefix.Length..]);
                if (!byFamily.TryGetValue(family, out var entry))
                {
                    entry = (0, []);
                }

                if (entry.Sample.Count < SampledPerFamily)
                {
                    entry.Sample.Add(key);
                }
                else if (Sampling.NextInt64(entry.Count + 1) is var slot && slot < SampledPerFamily)
                {
                    entry.Sample[(int)slot] = key;
                }

                byFamily[family] = (entry.Count + 1, entry.Sample);
            }

            var result = new List<KeyFamily>();
            foreach (var (family, (count, sample)) in byFamily)
            {
                var sizes = await Task.WhenAll(sample.Select(k => db.ExecuteAsync("MEMORY", "USAGE", k)));
                var mean = sizes.Where(s => !s.IsNull).Select(s => (double)(long)s).DefaultIfEmpty(0).Average();
                var family1 = new KeyFamily(family, count, mean * count);
                if (ttls)
                {
                    var left = await Task.WhenAll(sample.Take(20).Select(k => db.KeyTimeToLiveAsync(k)));
                    family1 = family1 with
                    {
                        SampledTtls = left.Length,
                        WithoutTtl = left.Count(t => t is null),
                        MaxTtl = left.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty(TimeSpan.Zero).Max(),
                    };
                }

                result.Add(family1);
            }

            return [.. result.OrderByDescending(f => f.EstimatedBytes)];
        }
        catch (RedisException)
        {
            return [.. byFamily.Select(f => new KeyFamily(f.Key, f.Value.Count, 0))];
        }
    }

    /// <summary>One pass of the storm being sent or waited for.</summary>
    private sealed class Pass(Ledger ledger)
    {
        public Ledger Ledger { get; } = ledger;

        /// <summary>Stopwatch ticks when its last alarm was answered; 0 while it is being sent.</summary>
        public long SendEnded { get; set; }

        /// <summary>
        /// The storm's alarms in its order at an even <paramref name="rate"/>, as pass <paramref name="pass"/>: a fingerprint and
        /// truth group of its own (a new condition each pass; a clear still matches its raise), no <c>observedAt</c> (ingest
        /// stamps the time it takes the alarm, so the window turns over in real time).
        /// </summary>
        public static List<LoadAlarm> Alarms(IReadOnlyList<StormAlarm> storm, int pass, double rate, int count)
        {
            var suffix = "~p" + pass.ToString(CultureInfo.InvariantCulture);
            var alarms = new List<LoadAlarm>(count);
            for (var i = 0; i < count; i++)
            {
                var a = storm[i].Alarm;
                alarms.Add(new LoadAlarm(a.Resource, a.Site, a.AlarmType, a.Severity.ToString().ToLowerInvariant(), a.Status == Contracts.AlarmStatus.Cleared,
                    a.Summary, a.Labels.GetValueOrDefault("instance"), a.Fingerprint + suffix, i / rate, null, storm[i].Group + suffix));
            }

            return alarms;
        }
    }
}

/// <summary>The soak's alarms over the whole run, from each pass's accounting.</summary>
internal sealed class SoakTotals
{
    public long Sent { get; set; }

    public long SentInPasses { get; set; }

    public long Accepted { get; set; }

    public long Refused { get; set; }

    public long Correlated { get; set; }

    public long IgnoredClears { get; set; }

    public long DecidedNoEvent { get; set; }

    public long Missing { get; set; }
}

/// <summary>Memory of one process: resident (VmRSS), private (RssAnon: its own, not shared file pages), the .NET GC heap where known, CPU % of a core over the interval.</summary>
internal sealed record ProcessMemory(double RssMb, double PrivateMb)
{
    public double? GcHeapMb { get; init; }

    public double CpuPercent { get; init; }

    public static ProcessMemory Read(int pid)
    {
        double rss = 0, anon = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kb(line);
                }
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anon = Kb(line);
                }
            }
        }
        catch (IOException)
        {
            // gone: zeros
        }

        return new ProcessMemory(rss / 1024, anon / 1024);

        static double Kb(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

/// <summary>Keys of one family (the key with its ids made '*'), their estimated bytes and, at the end, sampled TTLs.</summary>
internal sealed record KeyFamily(string Name, long Count, double EstimatedBytes)
{
    public int SampledTtls { get; init; }

    public int WithoutTtl { get; init; }

    public TimeSpan MaxTtl { get; init; }

    /// <summary><c>correlator:inc:0190e0c1-…:m</c> → <c>correlator:inc:*:m</c>; <c>correlator:applied:lb-123</c> → <c>correlator:applied:*</c>.</summary>
    public static string Of(string key)
    {
        var parts = key.Split(':');
        for (var i = 1; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.Length >= 12 || p.Any(char.IsAsciiDigit) || Guid.TryParse(p, out _))
            {
                parts[i] = "*";
            }
        }

        return string.Join(':', parts.Take(5));
    }
}

/// <summary>What one interval of the soak measured.</summary>
internal sealed record SoakInterval
{
    public int Index { get; init; }

    /// <summary>Minutes from the soak's start to the interval's end.</summary>
    public double EndMinutes { get; init; }

    public double Seconds { get; init; }

    /// <summary>Shorter than the interval (the last, when the send ended within it).</summary>
    public bool Partial { get; init; }

    public long Sent { get; init; }

    public long Accepted { get; init; }

    public long Refused { get; init; }

    /// <summary>Alarms whose first incident event arrived in the interval.</summary>
    public long Correlated { get; init; }

    /// <summary>Alarms accepted more than 10 s before the interval's end and still without an event (clears the correlator ignored among them).</summary>
    public long WaitingOver10s { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    public required IReadOnlyDictionary<string, ProcessMemory> Memory { get; init; }

    public double RedisUsedMb { get; init; }

    public long RedisKeys { get; init; }

    public double RedisKeysMbEstimate { get; init; }

    public required IReadOnlyList<KeyFamily> Families { get; init; }

    /// <summary>The harness's Redis PING round trips in the interval (five a second): how long anything waited for Redis and a core.</summary>
    public double RedisPingP50Ms { get; init; }

    public double RedisPingP99Ms { get; init; }

    /// <summary>Commands a second the whole Redis server ran in the interval, every client's (it is shared with other work).</summary>
    public double RedisCommandsPerSecond { get; init; }

    public long BacklogNow { get; init; }

    public long BacklogMax { get; init; }

    public double LoadAverage { get; init; }

    public double MachineBusyPercent { get; init; }

    public string Line(double of)
    {
        string Mem(string role) => Memory.TryGetValue(role, out var m)
            ? string.Create(CultureInfo.InvariantCulture, $"{role} {m.RssMb:0} MB{(m.GcHeapMb is { } gc ? $" (GC {gc:0})" : "")}")
            : "";
        var roles = string.Join(", ", Memory.Keys.Where(r => r is not "rabbitmq" and not "redis").Select(Mem));
        return string.Create(CultureInfo.InvariantCulture,
            $"soak {Index}/{Math.Ceiling(of):0} ({EndMinutes:0.0} min): sent {Sent:N0} ({Sent / Math.Max(Seconds, 1e-3):0}/s), correlated {Correlated:N0}, p50/p95/p99 {P50Ms:0}/{P95Ms:0}/{P99Ms:0} ms")
            + (Refused > 0 ? string.Create(CultureInfo.InvariantCulture, $", REFUSED {Refused:N0}") : "")
            + string.Create(CultureInfo.InvariantCulture, $" | {roles} | redis {RedisUsedMb:0} MB, {RedisKeys:N0} keys, {RedisCommandsPerSecond:N0} cmd/s, PING p99 {RedisPingP99Ms:0.0} ms | rabbitmq {(Memory.TryGetValue("rabbitmq", out var r) ? r.RssMb : 0):0} MB, backlog {BacklogNow:N0} (max {BacklogMax:N0}) | load {LoadAverage:0.0}, busy {MachineBusyPercent:0}%");
    }
}
