using System.Diagnostics;
using System.Globalization;
using Correlation.Cli.Baselines;
using Correlation.Cli.Datasets;
using Correlation.Cli.Engine;
using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Load;

/// <summary>
/// The run: each part against the pipeline (a fresh host per part, so that no part inherits another's
/// incidents), then the same workloads against Alertmanager, then the raw broker's ceiling, then the report.
/// </summary>
internal sealed class Harness(HarnessOptions options) : IAsyncDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<StepResult> _results = [];
    private readonly List<(StepResult Step, IReadOnlyDictionary<string, IReadOnlyList<(long At, long Depth)>> Series)> _backlog = [];
    private long _nextSeq = 1;

    public HarnessOptions Options { get; } = options;

    public Plan Plan { get; } = Plan.Of(options.Profile);

    public ProcessSampler Sampler { get; } = new();

    public IReadOnlyList<StepResult> Results => _results;

    public List<string> Notes { get; } = [];

    public Reference? Offline { get; private set; }

    public CeilingResult? Ceiling { get; set; }

    /// <summary>Redis PING before anything of the run started: the machine's wait for a core with only others' work on it.</summary>
    public (double P50, double P99)? IdlePing { get; private set; }

    /// <summary>Bytes of an AlarmsReceived message carrying 100 alarms (measured at the first warm-up).</summary>
    public int AlarmsReceivedBytes { get; set; }

    /// <summary>Mean bytes of an incident event (one an alarm), as the tap received them.</summary>
    public double IncidentEventBytes { get; set; }

    /// <summary>Per session: the incident events by type and those the tap could not place.</summary>
    public List<(string Session, IReadOnlyDictionary<string, long> ByType, long Unmatched)> EventTypes { get; } = [];

    public long NextSeq(int count) => Interlocked.Add(ref _nextSeq, count) - count;

    public void Say(string text) => Console.Error.WriteLine($"[{_clock.Elapsed:mm\\:ss}] {text}");

    public void Record(StepResult result, IReadOnlyDictionary<string, IReadOnlyList<(long At, long Depth)>>? series = null)
    {
        _results.Add(result);
        if (series is not null)
        {
            _backlog.Add((result, series));
        }

        static string I(FormattableString text) => FormattableString.Invariant(text);
        Say(I($"== {result.System} | {result.Workload} {result.Step} ({result.Channel}): sent {result.Sent:N0}, accepted {result.Accepted:N0}, correlated {result.Correlated:N0}")
            + I($" ({result.CorrelatedPerSecond:N0}/s), p50 {result.P50Ms:N0} ms, p99 {result.P99Ms:N0} ms, drain {result.DrainSeconds:0.0} s")
            + (result.IgnoredClears > 0 ? I($", ignored clears {result.IgnoredClears:N0}") : "")
            + (result.Missing + result.DecidedNoEvent > 0
                ? result.DrainTimedOut
                    ? I($", still in the pipeline at the drain limit: {result.Missing:N0} not decided + {result.DecidedNoEvent:N0} decided, event not yet seen")
                    : I($", MISSING {result.Missing:N0} + decided without event {result.DecidedNoEvent:N0}")
                : "")
            + (result.Refused > 0 ? I($", refused {result.Refused:N0}") : "")
            + (result.F1 is { } f1 ? I($", F1 {f1:0.000} ARI {result.Ari:0.000}") : "")
            + (result.Sustained ? " [sustained]" : ""));
    }

    public IReadOnlyList<(StepResult Step, IReadOnlyDictionary<string, IReadOnlyList<(long At, long Depth)>> Series)> Backlog => _backlog;

    /// <summary>Prints <paramref name="line"/> every two seconds until disposed.</summary>
    public IDisposable Progress(string label, Func<string> line) =>
        new Timer(_ => Say($"   {label}: {line()}"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Sampler.Watch("harness", Environment.ProcessId);
        if (ProcessSampler.ListenerOf(Options.RabbitUrl.Port) is { } beam)
        {
            Sampler.Watch("rabbitmq", beam);
        }

        var redisPort = int.Parse(Options.Redis.Split(',')[0].Split(':') is { Length: 2 } hostPort ? hostPort[1] : "6379", CultureInfo.InvariantCulture);
        if (ProcessSampler.ListenerOf(redisPort) is { } redis)
        {
            Sampler.Watch("redis", redis);
        }

        using (var redisConnection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Options.Redis))
        {
            using var pings = new RedisPings(redisConnection);
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            IdlePing = (pings.Percentile(0.5), pings.Percentile(0.99));
            Say($"Redis PING before the run: p50 {IdlePing.Value.P50:0.00} ms, p99 {IdlePing.Value.P99:0.00} ms");
        }

        var read = StormReader.ReadFile(Options.Storm);
        if (!read.IsValid)
        {
            foreach (var error in read.Errors)
            {
                Say(error.ToString());
            }

            return 1;
        }

        var storm = read.Value!;
        var topology = CmdbLoader.Load(Options.Cmdb);
        Say($"storm {Options.Storm}: {storm.Alarms.Count:N0} alarms; network {topology.Devices.Count} devices; profile {Options.Profile}");
        if (Options.Profile == Profile.Soak)
        {
            return await new Soak(this).RunAsync(storm, topology, cancellationToken);
        }

        var plan = Plan;
        var workloads = new Dictionary<string, List<LoadAlarm>>(StringComparer.Ordinal);

        if (Options.Runs("storm") || Options.Runs("channels"))
        {
            await using var session = await PipelineSession.StartAsync(this, "storm", Options.Cmdb, cancellationToken);
            await session.WarmUpAsync(Workloads.Constant(topology, "warm", 0, 200, 0, 1), cancellationToken);
            if (Options.Runs("storm"))
            {
                var alarms = Workloads.Storm(storm.Alarms, plan.StormRate);
                workloads["storm"] = alarms;
                // One request at a time, as one NMS forwarding its log would: the storm's days pass in seconds, so
                // concurrent requests would hand the correlator alarms hours out of their order.
                await session.RunAsync("labelled storm", Plan.Rate(plan.StormRate), "http-batch", alarms, plan.StormRate, cancellationToken, inFlight: 1);
                Offline = await Reference.OfAsync(storm, topology);
            }

            if (Options.Runs("channels"))
            {
                await session.RunAsync("ingest channel", Plan.Rate(plan.ChannelRate), "snmp-trap",
                    Workloads.Constant(topology, "trap", plan.ChannelRate, plan.ChannelAlarms, 0, 2), plan.ChannelRate, cancellationToken);
                await session.RunAsync("ingest channel", Plan.Rate(plan.ChannelRate), "syslog-udp",
                    Workloads.Constant(topology, "syslog", plan.ChannelRate, plan.ChannelAlarms, 0, 3), plan.ChannelRate, cancellationToken);
                await session.RunAsync("ingest channel", Plan.Rate(plan.SingleRate), "http-single",
                    Workloads.Constant(topology, "single", plan.SingleRate, plan.SingleAlarms, 0, 4), plan.SingleRate, cancellationToken);
                await session.RunAsync("ingest channel", Plan.Rate(plan.ChannelRate), "http-batch",
                    Workloads.Constant(topology, "batch", plan.ChannelRate, plan.ChannelAlarms, 0, 5), plan.ChannelRate, cancellationToken);
            }
        }

        foreach (var (part, share, label) in new[] { ("steps", 0.0, "constant rate, unique"), ("duplicates", 0.9, "constant rate, 90% repeats") })
        {
            if (!Options.Runs(part))
            {
                continue;
            }

            await using var session = await PipelineSession.StartAsync(this, part, Options.Cmdb, cancellationToken);
            await session.WarmUpAsync(Workloads.Constant(topology, "warm", 0, 200, 0, 1), cancellationToken);
            foreach (var rate in part == "steps" ? plan.StepRates : plan.DuplicateRates)
            {
                var count = (int)Math.Min(plan.StepMaxAlarms, rate * plan.StepSeconds);
                var alarms = Workloads.Constant(topology, $"{part}-{rate}", rate, count, share, (int)rate);
                workloads[$"{part}/{rate}"] = alarms;
                var result = await session.RunAsync(label, Plan.Rate(rate), "http-batch", alarms, rate, cancellationToken);
                // A series stops at a step that cannot drain in its limit, or (both profiles) at the first step the
                // pipeline correlates at less than half the offered rate: the steps above would only queue more.
                var saturated = result.CorrelatedPerSecond < rate / 2;
                if (result.DrainTimedOut || saturated)
                {
                    var skipped = (part == "steps" ? plan.StepRates : plan.DuplicateRates).Where(r => r > rate).Select(Plan.Rate).ToList();
                    if (skipped.Count > 0)
                    {
                        Notes.Add($"{label}: the {Plan.Rate(rate)} step " + (result.DrainTimedOut
                            ? "did not drain within its limit"
                            : $"was correlated at {result.CorrelatedPerSecond:N0}/s, under half the offered rate")
                            + $", so the steps above it ({string.Join(", ", skipped)}) were not run.");
                    }

                    break;
                }
            }
        }

        if (Options.Runs("burst"))
        {
            await using var session = await PipelineSession.StartAsync(this, "burst", Options.Cmdb, cancellationToken);
            await session.WarmUpAsync(Workloads.Constant(topology, "warm", 0, 200, 0, 1), cancellationToken);
            var alarms = Workloads.Constant(topology, "burst", 0, plan.BurstAlarms, 0, 7);
            workloads["burst"] = alarms;
            await session.RunAsync("burst", $"{plan.BurstAlarms:N0} at once", "http-batch", alarms, 0, cancellationToken);
        }

        if (Options.Runs("isolation"))
        {
            // The same burst with the correlator alone (Ingest.Feeds and the Correlator, each a process of its own,
            // no triage, router or console): how much of the all-in-one host's time the downstream consumers take.
            await using var session = await PipelineSession.StartAsync(this, "alone", Options.Cmdb, cancellationToken, split: true);
            await session.WarmUpAsync(Workloads.Constant(topology, "warm", 0, 200, 0, 1), cancellationToken);
            await session.RunAsync("burst, correlator alone", $"{plan.IsolationAlarms:N0} at once", "http-batch",
                Workloads.Constant(topology, "burst", 0, plan.IsolationAlarms, 0, 7), 0, cancellationToken);
        }

        if (Options.Runs("huawei") && Options.Huawei is { } folder)
        {
            await RunHuaweiAsync(folder, plan, workloads, cancellationToken);
        }

        if (Options.Runs("alertmanager"))
        {
            if (Options.Alertmanager is { } binary && File.Exists(binary))
            {
                await new AlertmanagerSide(this, binary).RunAsync(workloads, cancellationToken);
            }
            else
            {
                Notes.Add("Alertmanager was not run: no --alertmanager binary (benchmarks/tools.sh installs Debian's prometheus-alertmanager).");
            }
        }

        if (Options.Runs("ceiling"))
        {
            Ceiling = await BrokerCeiling.RunAsync(this, _results, cancellationToken);
        }

        Report.Write(this);
        return 0;
    }

    private async Task RunHuaweiAsync(string folder, Plan plan, Dictionary<string, List<LoadAlarm>> workloads, CancellationToken cancellationToken)
    {
        var loaded = HuaweiMicrowaveDataset.Load(folder);
        if (!loaded.IsValid)
        {
            Notes.Add($"Huawei dataset not run: {string.Join("; ", loaded.Errors.Take(3))}");
            return;
        }

        var dataset = loaded.Value!;
        if (!LinkTopology.TryBuild(dataset.Links, out var network, out var problems) || network is null)
        {
            Notes.Add($"Huawei dataset not run: its links make no topology ({string.Join("; ", problems.Take(3))})");
            return;
        }

        // The same network `correlation evaluate --huawei` builds from the links, written out as the host's CMDB.
        CmdbWriter.WriteFile(Options.HuaweiCmdb!, network);
        await using var session = await PipelineSession.StartAsync(this, "huawei", Options.HuaweiCmdb!, cancellationToken);
        await session.WarmUpAsync(Workloads.Whole(dataset.Alarms).Take(200).ToList(), cancellationToken);
        foreach (var speed in plan.HuaweiSpeeds)
        {
            var (alarms, from, to) = Workloads.Replay(dataset.Alarms, speed, plan.HuaweiSeconds);
            workloads[$"huawei/{speed}"] = alarms;
            var offered = alarms.Count / plan.HuaweiSeconds;
            await session.RunAsync("Huawei microwave replay", string.Create(CultureInfo.InvariantCulture, $"{speed:0}x"), "http-batch", alarms, offered, cancellationToken, inFlight: 1,
                note: string.Create(CultureInfo.InvariantCulture,
                    $"densest {plan.HuaweiSeconds * speed / 60:0.#} min of the storm ({(from - HuaweiMicrowaveDataset.Origin).TotalHours:0.0}-{(to - HuaweiMicrowaveDataset.Origin).TotalHours:0.0} h), {alarms.Count:N0} alarms in {plan.HuaweiSeconds:0} s"));
        }

        if (plan.HuaweiWhole)
        {
            var whole = Workloads.Whole(dataset.Alarms);
            workloads["huawei/whole"] = whole;
            await session.RunAsync("Huawei microwave replay", "whole storm, as fast as taken", "http-batch", whole, 0, cancellationToken, inFlight: 1,
                note: $"all {whole.Count:N0} alarms (144 h of the storm)");
        }
    }

    public async ValueTask DisposeAsync() => await Sampler.DisposeAsync();
}

/// <summary>The offline figures of the same storm: `correlation evaluate`'s engine replay and its Alertmanager-style baseline.</summary>
internal sealed record Reference(PairwiseAgreement Engine, long EngineIncidents, PairwiseAgreement AlertmanagerStyle, long AlertmanagerIncidents)
{
    public static async Task<Reference> OfAsync(Storm storm, NetworkTopology topology)
    {
        var alarms = storm.AlarmsInOrder();
        var truth = storm.Truth()!;
        var engine = await new EngineAssigner(topology, new ScoringOptions()).AssignAllAsync(alarms);
        var am = await new AlertmanagerStyleAssigner().AssignAllAsync(alarms);
        // Ignored clears are singletons for the metrics but not incidents.
        return new Reference(ClusteringAgreement.Compare(truth, engine),
            engine.Where(i => !i.StartsWith("ignored-", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).LongCount(),
            ClusteringAgreement.Compare(truth, am), am.Distinct(StringComparer.Ordinal).LongCount());
    }
}
