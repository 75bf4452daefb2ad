using System.Diagnostics;
using System.Globalization;
using System.Net;
using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;
using StackExchange.Redis;

namespace Correlation.Load;

/// <summary>
/// One start of the all-in-one host (Release build, a process of its own on 127.0.0.1) with broker entities
/// and Redis keys of its own and one CMDB, with the harness's event tap and queue monitor on it. Workloads
/// run one after another on it; each is one <see cref="Ledger"/>. Disposing stops the host and deletes its keys.
/// </summary>
internal sealed class PipelineSession : IAsyncDisposable
{
    private readonly Harness _harness;
    private readonly IReadOnlyList<ChildProcess> _processes;
    private readonly HttpClient _http;
    private readonly IReadOnlyList<HttpClient> _metrics;
    private readonly ConnectionMultiplexer _redis;

    private PipelineSession(Harness harness, string name, string prefix, string redisPrefix, IReadOnlyList<(string Role, ChildProcess Process, Uri Url)> processes,
        Uri url, IPEndPoint trap, IPEndPoint syslog, EventTap tap, QueueMonitor queues, ConnectionMultiplexer redis)
    {
        _harness = harness;
        Name = name;
        Prefix = prefix;
        RedisPrefix = redisPrefix;
        _processes = [.. processes.Select(p => p.Process)];
        _metrics = [.. processes.Select(p => new HttpClient { BaseAddress = p.Url, Timeout = TimeSpan.FromSeconds(10) })];
        Roles = [.. processes.Select(p => p.Role)];
        Url = url;
        Trap = trap;
        Syslog = syslog;
        Tap = tap;
        Queues = queues;
        _redis = redis;
        _http = HttpAlarmSender.Client(url, 64);
        Sender = new HttpAlarmSender(_http);
    }

    public string Name { get; }

    /// <summary>The sampler's names of the processes this session runs: "host", or "ingest" and "correlator".</summary>
    public IReadOnlyList<string> Roles { get; }

    public string Prefix { get; }

    public string RedisPrefix { get; }

    public Uri Url { get; }

    public IPEndPoint Trap { get; }

    public IPEndPoint Syslog { get; }

    public EventTap Tap { get; }

    public QueueMonitor Queues { get; }

    public HttpAlarmSender Sender { get; }

    public ConnectionMultiplexer Redis => _redis;

    /// <summary>Each process's role, id and the client of its HTTP port (for <c>/metrics</c>).</summary>
    public IEnumerable<(string Role, int Pid, HttpClient Http)> Processes => Roles.Select((r, i) => (r, _processes[i].Id, _metrics[i]));

    /// <summary>A process of the pipeline that exited, with the end of its log; null while all run.</summary>
    public string? Exited => _processes.FirstOrDefault(p => p.HasExited) is { } exited ? exited.Tail() : null;

    /// <param name="split">
    /// Instead of the all-in-one host, Ingest.Feeds and the Correlator alone, each a process of its own, with no
    /// triage, router or console: what the correlator does when nothing else in its process takes the events.
    /// </param>
    /// <param name="extra">Settings of the host beyond the harness's own (the soak's retentions).</param>
    public static async Task<PipelineSession> StartAsync(Harness harness, string name, string cmdb, CancellationToken cancellationToken, bool split = false,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var options = harness.Options;
        var id = $"{DateTime.UtcNow:HHmmss}{Random.Shared.Next(1000):000}";
        var prefix = $"load-{name}-{id}";
        var redisPrefix = $"load:{name}:{id}:";
        var (httpPort, trapPort, syslogPort) = (FreePorts.Tcp(), FreePorts.Udp(), FreePorts.Udp());
        var settings = HostSettings.For(options, prefix, redisPrefix, cmdb, httpPort, trapPort, syslogPort);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        var started = Stopwatch.GetTimestamp();
        var processes = new List<(string Role, ChildProcess Process, Uri Url)>();
        try
        {
            if (split)
            {
                var services = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(options.HostDll)!, "..", "..", "..", ".."));
                var build = Path.GetRelativePath(Path.Combine(services, "Correlation.AllInOne"), Path.GetDirectoryName(options.HostDll)!);
                var correlatorPort = FreePorts.Tcp();
                harness.Say($"starting Ingest.Feeds on 127.0.0.1:{httpPort} and the Correlator alone on 127.0.0.1:{correlatorPort} for '{name}', entities {prefix}, keys {redisPrefix}*");
                foreach (var (role, project, port) in new[] { ("correlator", "Correlator", correlatorPort), ("ingest", "Ingest.Feeds", httpPort) })
                {
                    var dll = Path.Combine(services, project, build, project + ".dll");
                    var own = new Dictionary<string, string>(settings, StringComparer.Ordinal)
                    {
                        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                        ["Urls"] = $"http://127.0.0.1:{port}",
                    };
                    var process = ChildProcess.Start("dotnet", [dll], own, options.Work, $"{role}-{name}", Path.GetDirectoryName(dll));
                    processes.Add((role, process, new Uri($"http://127.0.0.1:{port}")));
                }
            }
            else
            {
                harness.Say($"starting the all-in-one host for '{name}' on 127.0.0.1:{httpPort} (traps udp/{trapPort}, syslog udp/{syslogPort}), entities {prefix}, keys {redisPrefix}*, CMDB {cmdb}");
                var host = ChildProcess.Start("dotnet", [options.HostDll], settings, options.Work, $"host-{name}");
                processes.Add(("host", host, new Uri($"http://127.0.0.1:{httpPort}")));
            }

            foreach (var (role, process, url) in processes)
            {
                await process.WaitReadyAsync(new Uri(url, "/health/ready"), TimeSpan.FromMinutes(3), cancellationToken);
                harness.Sampler.Watch(role, process.Id);
            }

            harness.Say($"ready in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (pids {string.Join(", ", processes.Select(p => p.Process.Id))})");
            var tap = await EventTap.StartAsync(options.RabbitUrl, prefix, cancellationToken);
            var queues = await QueueMonitor.StartAsync(options.RabbitUrl, prefix, options.RabbitNode, cancellationToken);
            var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis + ",allowAdmin=true");
            return new PipelineSession(harness, name, prefix, redisPrefix, processes, new Uri($"http://127.0.0.1:{httpPort}"), new IPEndPoint(IPAddress.Loopback, trapPort),
                new IPEndPoint(IPAddress.Loopback, syslogPort), tap, queues, redis);
        }
        catch
        {
            foreach (var (_, process, _) in processes)
            {
                await process.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>A small batch first: the host's code paths warmed up (JIT, connections) outside every measured step.</summary>
    /// <remarks>
    /// The first time, the size of an AlarmsReceived message of 100 alarms is read off a queue of the harness's
    /// own bound to its exchange during the warm-up: the raw broker's ceiling is measured with messages of that size.
    /// </remarks>
    public async Task WarmUpAsync(IReadOnlyList<LoadAlarm> sample, CancellationToken cancellationToken)
    {
        var alarms = sample.Take(200).Select(a => a with { Offset = 0, StormTime = null, Group = null, Instance = "warmup-" + a.Instance }).ToList();
        if (_harness.AlarmsReceivedBytes > 0)
        {
            await RunAsync("warm-up", "warm-up", "http-batch", alarms, 0, cancellationToken, record: false);
            return;
        }

        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = _harness.Options.RabbitUrl };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queue = (await channel.QueueDeclareAsync($"{Prefix}-load-size", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken)).QueueName;
        await channel.QueueBindAsync(queue, $"{Prefix}.Correlation.Contracts:AlarmsReceived", "", cancellationToken: cancellationToken);
        await RunAsync("warm-up", "warm-up", "http-batch", alarms, 0, cancellationToken, record: false);
        var sizes = new List<int>();
        while (await channel.BasicGetAsync(queue, autoAck: true, cancellationToken) is { } message)
        {
            sizes.Add(message.Body.Length);
        }

        if (sizes.Count > 0)
        {
            // Requests of 100 alarms each: the largest message is a full one.
            _harness.AlarmsReceivedBytes = sizes.Max();
        }

        await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
    }

    /// <summary>Sends a workload through one ingest channel, waits until it is correlated (or the drain limit passes) and measures it.</summary>
    public async Task<StepResult> RunAsync(string workload, string step, string channel, List<LoadAlarm> alarms, double offeredRate,
        CancellationToken cancellationToken, bool record = true, string note = "", int inFlight = 32)
    {
        var ledger = new Ledger(workload, step, channel, _harness.NextSeq(alarms.Count), alarms);
        Tap.Track(ledger);
        var span = alarms.Max(a => a.StormTime ?? TimeSpan.Zero);
        _harness.Sampler.Take();
        var metricsBefore = await MetricsAsync();
        var decidedBefore = await DecidedAsync();
        var from = Stopwatch.GetTimestamp();
        // The storm's times end where the send starts: its spacing is kept and nothing is observed in the future.
        var observedBase = DateTimeOffset.UtcNow - span;
        using var progress = _harness.Progress($"{workload} {step}", () => Line(ledger));
        using var pings = new RedisPings(_redis);
        var slowBefore = await RedisSlowLog.ReadAsync(_redis, RedisPrefix);
        var udpChannel = !channel.StartsWith("http", StringComparison.Ordinal);
        Queues.Pending = () => (udpChannel ? ledger.SentCount : ledger.AcceptedCount) - ledger.CorrelatedCount;

        UdpSender? udp = null;
        Func<int, int, Task> send = channel switch
        {
            "http-batch" => Sender.Batches(ledger, observedBase),
            "http-single" => Sender.Singles(ledger, observedBase),
            "snmp-trap" => (udp = UdpSender.Traps(Trap, ledger)).Send(ledger),
            "syslog-udp" => (udp = UdpSender.Syslog(Syslog, ledger)).Send(ledger),
            _ => throw new ArgumentException($"unknown channel {channel}", nameof(channel)),
        };
        TimeSpan sending;
        using (udp)
        {
            sending = await Pacer.RunAsync(ledger, channel == "http-single" ? 1 : 100, channel == "http-single" ? 64 : inFlight, send, cancellationToken);
        }

        var timedOut = await DrainAsync(ledger, channel, decidedBefore, cancellationToken);
        Queues.Pending = null;
        Queues.Mark(QueueMonitor.PendingSeries, 0);
        var (settled, leftQueued) = await SettleAsync(ledger, cancellationToken);
        _harness.Sampler.Take();
        var to = Stopwatch.GetTimestamp();
        var consumers = HostMetrics.Delta(metricsBefore, await MetricsAsync());
        if (_processes.FirstOrDefault(p => p.HasExited) is { } exited)
        {
            throw new InvalidOperationException($"a process of the pipeline exited during {workload} {step}:\n{exited.Tail()}");
        }

        var (ignored, decided, missing) = await AccountAsync(ledger, channel);
        var result = Measure(ledger, offeredRate, sending, timedOut, ignored, decided, missing, from, to, note) with
        {
            SettleSeconds = settled is { } at ? Ledger.Seconds(at - ledger.Sent.Where(t => t != 0).DefaultIfEmpty(from).Min()) : null,
            LeftQueued = leftQueued,
            Consumers = consumers,
            StepWallSeconds = Ledger.Seconds(to - from),
            RedisSlow = RedisSlowLog.Since(slowBefore, await RedisSlowLog.ReadAsync(_redis, RedisPrefix)),
            RedisPingP50Ms = pings.Percentile(0.5),
            RedisPingP99Ms = pings.Percentile(0.99),
        };
        if (record)
        {
            _harness.Record(result, Queues.Between(from, to));
        }

        return result;
    }

    private async Task<Dictionary<string, (double Count, double SumMs)>> MetricsAsync()
    {
        var all = new Dictionary<string, (double Count, double SumMs)>(StringComparer.Ordinal);
        foreach (var client in _metrics)
        {
            foreach (var (key, value) in await HostMetrics.ReadAsync(client))
            {
                all[key] = value;
            }
        }

        return all;
    }

    private string Line(Ledger ledger)
    {
        var depths = Queues.Latest().Where(q => q.Value > 0).Select(q => $"{q.Key[(Prefix.Length + 1)..]} {q.Value:N0}");
        var cpu = _harness.Sampler.Between(Stopwatch.GetTimestamp() - 3 * Stopwatch.Frequency, Stopwatch.GetTimestamp());
        var host = string.Join(" ", Roles.Select(r => cpu.Processes.TryGetValue(r, out var h) ? $"{r} {h.CpuPercent:0}%" : ""));
        return string.Create(CultureInfo.InvariantCulture,
            $"sent {ledger.SentCount:N0}/{ledger.Count:N0}  accepted {ledger.AcceptedCount:N0}  correlated {ledger.CorrelatedCount:N0}  | messages ready: {(depths.Any() ? string.Join(", ", depths) : "none")} | {host} machine {cpu.MachinePercent:0}%");
    }

    /// <summary>
    /// Waits until every alarm the host took has its event, or nothing arrived for a while with the correlator's
    /// queue empty (the rest are clears with nothing to clear, or lost: <see cref="AccountAsync"/> tells which), or
    /// the drain limit passes.
    /// </summary>
    private async Task<bool> DrainAsync(Ledger ledger, string channel, double decidedBefore, CancellationToken cancellationToken)
    {
        var expected = channel.StartsWith("http", StringComparison.Ordinal) ? ledger.AcceptedCount : ledger.SentCount;
        var sendEnd = Stopwatch.GetTimestamp();
        var limit = _harness.Plan.DrainSecondsBase + ledger.Count / _harness.Plan.DrainAlarmsPerSecond;
        var lastPoll = 0L;
        while (ledger.CorrelatedCount < expected)
        {
            await Task.Delay(100, cancellationToken);
            var now = Stopwatch.GetTimestamp();
            if (Ledger.Seconds(now - sendEnd) > limit)
            {
                return ledger.CorrelatedCount < expected;
            }

            // Every alarm decided (the correlator's own count) and no event for two seconds: the rest are clears it
            // ignored, or events lost; AccountAsync tells which. Alarms still in the correlator's prefetch are not
            // decided yet, so this does not stop early on a starved correlator.
            if (Ledger.Seconds(now - lastPoll) >= 1 && Ledger.Seconds(now - Math.Max(ledger.LastEvent, sendEnd)) > 2)
            {
                lastPoll = now;
                if (await DecidedAsync() - decidedBefore >= expected)
                {
                    return false;
                }
            }
        }

        return false;
    }

    /// <summary>Alarms the correlator(s) decided so far; 0 when their metrics cannot be read.</summary>
    private async Task<double> DecidedAsync()
    {
        double total = 0;
        foreach (var client in _metrics)
        {
            total += await HostMetrics.DecidedAsync(client) ?? 0;
        }

        return total;
    }

    /// <summary>
    /// After the correlation: until every queue of the host is empty (triage, router and console have taken
    /// every event), so the next step starts on a quiet pipeline; bounded, and what was left is reported.
    /// </summary>
    private async Task<(long? SettledAt, long LeftQueued)> SettleAsync(Ledger ledger, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var limit = _harness.Plan.SettleSecondsBase + ledger.Count / _harness.Plan.SettleAlarmsPerSecond;
        var empty = 0;
        using var progress = _harness.Progress($"{ledger.Workload} {ledger.Step}: downstream settling", () => Line(ledger));
        while (Ledger.Seconds(Stopwatch.GetTimestamp() - start) < limit)
        {
            var latest = Queues.Latest();
            empty = latest.Values.All(d => d == 0) ? empty + 1 : 0;
            // Two reads in a row with nothing ready (half a second apart), then a moment for the last prefetched messages.
            if (empty >= 3)
            {
                return (Stopwatch.GetTimestamp(), 0);
            }

            await Task.Delay(250, cancellationToken);
        }

        return (null, Queues.Latest().Values.Sum());
    }

    /// <summary>
    /// For alarms with no event: the correlator's applied-alarm key (<c>correlator:applied:{idempotency key}</c>) says
    /// whether it decided them: '' for a clear it ignored, an incident id when it decided but its event never came,
    /// nothing when it never decided them. Only HTTP alarms carry the harness's keys; for traps and syslog every
    /// alarm without an event is counted missing.
    /// </summary>
    public async Task<(long Ignored, long Decided, long Missing)> AccountAsync(Ledger ledger, string channel)
    {
        var without = Enumerable.Range(0, ledger.Count)
            .Where(i => ledger.Correlated[i] == 0 && (ledger.Accepted[i] != 0 || !channel.StartsWith("http", StringComparison.Ordinal)))
            .ToList();
        if (!channel.StartsWith("http", StringComparison.Ordinal))
        {
            return (0, 0, without.Count);
        }

        var db = _redis.GetDatabase();
        long ignored = 0, decided = 0, missing = 0;
        foreach (var chunk in without.Chunk(1000))
        {
            var values = await Task.WhenAll(chunk.Select(i => db.StringGetAsync($"{RedisPrefix}correlator:applied:{AlarmJson.Key(ledger.FirstSeq + i)}")));
            foreach (var value in values)
            {
                if (value.IsNull)
                {
                    missing++;
                }
                else if (((string?)value)!.Length == 0)
                {
                    ignored++;
                }
                else
                {
                    decided++;
                }
            }
        }

        return (ignored, decided, missing);
    }

    private StepResult Measure(Ledger ledger, double offeredRate, TimeSpan sending, bool timedOut, long ignored, long decided, long missing, long from, long to, string note)
    {
        var firstSend = ledger.Sent.Where(t => t != 0).DefaultIfEmpty(from).Min();
        var lastAccept = ledger.Accepted.Max();
        var lastEvent = ledger.Correlated.Max();
        var latencies = Latencies(ledger.Correlated, ledger.Sent);
        var accepts = Latencies(ledger.Accepted, ledger.Sent);
        var correlated = ledger.CorrelatedCount;
        double? f1 = null, ari = null, precision = null, recall = null;
        var finals = Enumerable.Range(0, ledger.Count).Select(i => ledger.Incident[i] < 0 ? -1 : Tap.FinalIncident(ledger.Incident[i])).ToArray();
        if (ledger.Alarms.All(a => a.Group is not null) && ledger.Count > 0)
        {
            var agreement = ClusteringAgreement.Compare([.. ledger.Alarms.Select(a => a.Group!)],
                [.. finals.Select((f, i) => f < 0 ? $"none-{i}" : $"inc-{f}")]);
            (f1, ari, precision, recall) = (agreement.F1, agreement.AdjustedRandIndex, agreement.Precision, agreement.Recall);
        }

        var udp = !ledger.Channel.StartsWith("http", StringComparison.Ordinal);
        return new StepResult
        {
            System = "pipeline",
            Workload = ledger.Workload,
            Step = ledger.Step,
            Channel = ledger.Channel,
            OfferedRate = offeredRate,
            Sent = ledger.SentCount,
            Accepted = udp ? ledger.SentCount : ledger.AcceptedCount,
            Refused = ledger.RejectedCount,
            Correlated = correlated,
            IgnoredClears = ignored,
            DecidedNoEvent = decided,
            Missing = missing,
            SendSeconds = sending.TotalSeconds,
            SentPerSecond = ledger.SentCount / Math.Max(sending.TotalSeconds, 1e-3),
            AcceptedPerSecond = udp || lastAccept == 0 ? 0 : ledger.AcceptedCount / Ledger.Seconds(lastAccept - firstSend),
            CorrelatedPerSecond = lastEvent == 0 ? 0 : correlated / Ledger.Seconds(lastEvent - firstSend),
            DrainSeconds = lastEvent == 0 ? 0 : Ledger.Seconds(lastEvent - firstSend),
            DrainTimedOut = timedOut,
            P50Ms = Percentile(latencies, 0.50),
            P95Ms = Percentile(latencies, 0.95),
            P99Ms = Percentile(latencies, 0.99),
            MaxMs = latencies.Length == 0 ? 0 : latencies[^1],
            AcceptP99Ms = Percentile(accepts, 0.99),
            Incidents = finals.Where(f => f >= 0).Distinct().LongCount(),
            F1 = f1,
            Ari = ari,
            Precision = precision,
            Recall = recall,
            MaxQueueDepth = Queues.Between(from, to).ToDictionary(q => q.Key[(Prefix.Length + 1)..], q => q.Value.Count == 0 ? 0 : q.Value.Max(p => p.Depth), StringComparer.Ordinal),
            Usage = _harness.Sampler.Between(from, to),
            Note = note,
        };
    }

    /// <summary>Sorted milliseconds from each alarm's send to its <paramref name="at"/> time, for the alarms that have both.</summary>
    public static double[] Latencies(long[] at, long[] sent)
    {
        var values = new List<double>(at.Length);
        for (var i = 0; i < at.Length; i++)
        {
            if (at[i] != 0 && sent[i] != 0)
            {
                values.Add(Ledger.Seconds(at[i] - sent[i]) * 1000);
            }
        }

        values.Sort();
        return [.. values];
    }

    public static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    public async ValueTask DisposeAsync()
    {
        foreach (var role in Roles)
        {
            _harness.Sampler.Forget(role);
        }

        if (Tap.Events > 0)
        {
            _harness.IncidentEventBytes = Tap.MeanEventBytes;
            _harness.EventTypes.Add((Name, Tap.ByType, Tap.Unmatched));
        }

        await Tap.DisposeAsync();
        await Queues.DisposeAsync();
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        foreach (var client in _metrics)
        {
            client.Dispose();
        }

        _http.Dispose();
        var exchanges = await BrokerCleanup.DeleteExchangesAsync(_harness.Options.RabbitUrl, _harness.Options.RabbitNode, Prefix);
        if (exchanges == 0)
        {
            _harness.Say($"no exchanges of {Prefix} deleted (rabbitmqctl could not list them?)");
        }

        // The run's keys go with it.
        try
        {
            var server = _redis.GetServers()[0];
            var db = _redis.GetDatabase();
            var batch = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(pattern: RedisPrefix + "*", pageSize: 1000))
            {
                batch.Add(key);
                if (batch.Count == 1000)
                {
                    await db.KeyDeleteAsync([.. batch]);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await db.KeyDeleteAsync([.. batch]);
            }
        }
        catch (RedisException ex)
        {
            _harness.Say($"could not delete the keys {RedisPrefix}*: {ex.Message}");
        }

        await _redis.DisposeAsync();
    }
}
