using System.Diagnostics;
using System.Globalization;
using System.Net;
using Correlation.Cli.Metrics;
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
    private readonly ChildProcess _host;
    private readonly HttpClient _http;
    private readonly ConnectionMultiplexer _redis;

    private PipelineSession(Harness harness, string name, string prefix, string redisPrefix, ChildProcess host, Uri url, IPEndPoint trap, IPEndPoint syslog,
        EventTap tap, QueueMonitor queues, ConnectionMultiplexer redis)
    {
        _harness = harness;
        Name = name;
        Prefix = prefix;
        RedisPrefix = redisPrefix;
        _host = host;
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

    public string Prefix { get; }

    public string RedisPrefix { get; }

    public Uri Url { get; }

    public IPEndPoint Trap { get; }

    public IPEndPoint Syslog { get; }

    public EventTap Tap { get; }

    public QueueMonitor Queues { get; }

    public HttpAlarmSender Sender { get; }

    public static async Task<PipelineSession> StartAsync(Harness harness, string name, string cmdb, CancellationToken cancellationToken)
    {
        var options = harness.Options;
        var id = $"{DateTime.UtcNow:HHmmss}{Random.Shared.Next(1000):000}";
        var prefix = $"load-{name}-{id}";
        var redisPrefix = $"load:{name}:{id}:";
        var (httpPort, trapPort, syslogPort) = (FreePorts.Tcp(), FreePorts.Udp(), FreePorts.Udp());
        harness.Say($"starting the all-in-one host for '{name}' on 127.0.0.1:{httpPort} (traps udp/{trapPort}, syslog udp/{syslogPort}), entities {prefix}, keys {redisPrefix}*, CMDB {cmdb}");
        var started = Stopwatch.GetTimestamp();
        var host = ChildProcess.Start("dotnet", [options.HostDll], HostSettings.For(options, prefix, redisPrefix, cmdb, httpPort, trapPort, syslogPort),
            options.Work, $"host-{name}");
        try
        {
            var url = new Uri($"http://127.0.0.1:{httpPort}");
            await host.WaitReadyAsync(new Uri(url, "/health/ready"), TimeSpan.FromMinutes(3), cancellationToken);
            harness.Say($"host ready in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s (pid {host.Id})");
            harness.Sampler.Watch("host", host.Id);
            var tap = await EventTap.StartAsync(options.RabbitUrl, prefix, cancellationToken);
            var queues = await QueueMonitor.StartAsync(options.RabbitUrl, prefix, options.RabbitNode, cancellationToken);
            var redis = await ConnectionMultiplexer.ConnectAsync(options.Redis + ",allowAdmin=true");
            return new PipelineSession(harness, name, prefix, redisPrefix, host, url, new IPEndPoint(IPAddress.Loopback, trapPort),
                new IPEndPoint(IPAddress.Loopback, syslogPort), tap, queues, redis);
        }
        catch
        {
            await host.DisposeAsync();
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
        CancellationToken cancellationToken, bool record = true, string note = "")
    {
        var ledger = new Ledger(workload, step, channel, _harness.NextSeq(alarms.Count), alarms);
        Tap.Track(ledger);
        var span = alarms.Max(a => a.StormTime ?? TimeSpan.Zero);
        _harness.Sampler.Take();
        var from = Stopwatch.GetTimestamp();
        // The storm's times end where the send starts: its spacing is kept and nothing is observed in the future.
        var observedBase = DateTimeOffset.UtcNow - span;
        using var progress = _harness.Progress($"{workload} {step}", () => Line(ledger));

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
            sending = await Pacer.RunAsync(ledger, channel == "http-single" ? 1 : 100, channel == "http-single" ? 64 : 32, send, cancellationToken);
        }

        var timedOut = await DrainAsync(ledger, channel, cancellationToken);
        _harness.Sampler.Take();
        var to = Stopwatch.GetTimestamp();
        if (_host.HasExited)
        {
            throw new InvalidOperationException($"the host exited during {workload} {step}:\n{_host.Tail()}");
        }

        var (ignored, decided, missing) = await AccountAsync(ledger, channel);
        var result = Measure(ledger, offeredRate, sending, timedOut, ignored, decided, missing, from, to, note);
        if (record)
        {
            _harness.Record(result, Queues.Between(from, to));
        }

        return result;
    }

    private string Line(Ledger ledger)
    {
        var depths = Queues.Latest().Where(q => q.Value > 0).Select(q => $"{q.Key[(Prefix.Length + 1)..]} {q.Value:N0}");
        var cpu = _harness.Sampler.Between(Stopwatch.GetTimestamp() - 3 * Stopwatch.Frequency, Stopwatch.GetTimestamp());
        var host = cpu.Processes.TryGetValue("host", out var h) ? $"host {h.CpuPercent:0}%" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"sent {ledger.SentCount:N0}/{ledger.Count:N0}  accepted {ledger.AcceptedCount:N0}  correlated {ledger.CorrelatedCount:N0}  | queued: {(depths.Any() ? string.Join(", ", depths) : "none")} | {host} machine {cpu.MachinePercent:0}%");
    }

    /// <summary>
    /// Waits until every alarm the host took has its event, or nothing arrived for a while with the correlator's
    /// queue empty (the rest are clears with nothing to clear, or lost: <see cref="AccountAsync"/> tells which), or
    /// the drain limit passes.
    /// </summary>
    private async Task<bool> DrainAsync(Ledger ledger, string channel, CancellationToken cancellationToken)
    {
        var expected = channel.StartsWith("http", StringComparison.Ordinal) ? ledger.AcceptedCount : ledger.SentCount;
        var sendEnd = Stopwatch.GetTimestamp();
        var limit = TimeSpan.FromSeconds(30 + ledger.Count / 1500.0);
        var quiet = TimeSpan.FromSeconds(4);
        var correlatorQueue = $"{Prefix}-alarms-received";
        while (ledger.CorrelatedCount < expected)
        {
            await Task.Delay(100, cancellationToken);
            var now = Stopwatch.GetTimestamp();
            var lastActivity = Math.Max(ledger.LastEvent, sendEnd);
            if (Ledger.Seconds(now - lastActivity) > quiet.TotalSeconds && Queues.Latest().GetValueOrDefault(correlatorQueue) == 0)
            {
                return false;
            }

            if (Ledger.Seconds(now - sendEnd) > limit.TotalSeconds)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For alarms with no event: the correlator's applied-alarm key (<c>correlator:applied:{idempotency key}</c>) says
    /// whether it decided them: '' for a clear it ignored, an incident id when it decided but its event never came,
    /// nothing when it never decided them. Only HTTP alarms carry the harness's keys; for traps and syslog every
    /// alarm without an event is counted missing.
    /// </summary>
    private async Task<(long Ignored, long Decided, long Missing)> AccountAsync(Ledger ledger, string channel)
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
        _harness.Sampler.Forget("host");
        if (Tap.Events > 0)
        {
            _harness.IncidentEventBytes = Tap.MeanEventBytes;
            _harness.EventTypes.Add((Name, Tap.ByType, Tap.Unmatched));
        }

        await Tap.DisposeAsync();
        await Queues.DisposeAsync();
        await _host.DisposeAsync();
        _http.Dispose();
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
