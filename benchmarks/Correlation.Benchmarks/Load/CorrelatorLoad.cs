using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.InteropServices;
using Correlation.Cli.Baselines;
using Correlation.Cli.Engine;
using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Contracts;
using Correlation.Correlator;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Live;
using Correlation.Correlator.Rules;
using Correlation.Correlator.Scoring;
using Correlation.ServiceDefaults;
using Correlation.Topology;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Correlation.Benchmarks.Load;

/// <summary>
/// The end-to-end load benchmark of the live correlator: a labelled storm fed in time order, with a
/// bounded number of alarms in flight, through one or several <see cref="LiveCorrelator"/>s over a real
/// Redis. Measures throughput, decision latency, CPU on both sides, Redis memory, and checks that the
/// grouping is still right (pairwise F1 against the storm's truth, beside the offline replay's).
/// </summary>
public static class CorrelatorLoad
{
    public const string Command = "correlator-load";
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 1 && args[0] is "--help" or "-h")
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }

        var options = LoadOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"{Command}: {error}\n\n{LoadOptions.Usage}");
            return 2;
        }

        var read = StormReader.ReadFile(options.Storm);
        if (!read.IsValid)
        {
            foreach (var problem in read.Errors)
            {
                await Console.Error.WriteLineAsync(problem.ToString());
            }

            return 1;
        }

        var storm = read.Value!;
        var count = Math.Min(options.Alarms ?? int.MaxValue, storm.Alarms.Count);
        if (options.Warmup >= count)
        {
            await Console.Error.WriteLineAsync($"{Command}: --warmup {options.Warmup} leaves nothing to measure in {count} alarms");
            return 2;
        }

        // Interrupted, the run stops feeding, lets what is in flight finish and still deletes its keys.
        using var interrupted = new CancellationTokenSource();
        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            interrupted.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        LoadResult result;
        try
        {
            result = await new Run(options, [.. storm.Alarms.Take(count)], interrupted.Token).ExecuteAsync();
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{Command}: interrupted");
            return 130;
        }

        var report = new LoadReport(options, result);
        Console.WriteLine(report.Markdown());
        if (options.Markdown is { } markdown)
        {
            await File.AppendAllTextAsync(markdown, report.Markdown() + "\n");
        }

        if (options.Csv is { } csv)
        {
            var header = !File.Exists(csv) || new FileInfo(csv).Length == 0;
            await File.AppendAllTextAsync(csv, (header ? LoadReport.CsvHeader + "\n" : "") + report.CsvRow() + "\n");
        }

        return result.Failures == 0 ? 0 : 1;
    }

    private sealed class Run(LoadOptions options, IReadOnlyList<StormAlarm> storm, CancellationToken interrupted)
    {
        private readonly long[] _latency = new long[storm.Count];
        private readonly string[] _incident = new string[storm.Count];
        private readonly ConcurrentDictionary<string, string> _mergedInto = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> _outcomes = new(StringComparer.Ordinal);
        private readonly ScoringOptions _scoring = new();
        private long _retries;
        private int _done;
        private int _failures;
        private Exception? _firstFailure;

        public async Task<LoadResult> ExecuteAsync()
        {
            using var listener = Listen();
            var clock = new StormClock(storm[0].Alarm.ObservedAt);
            var probeConnection = await ConnectionMultiplexer.ConnectAsync(options.Redis + ",allowAdmin=true");
            await using var _ = probeConnection;
            var probe = new RedisProbe(probeConnection, options.Prefix);
            var before = await probe.StatsAsync();

            // Each instance is what a separate correlator process would be: its own connection, topology and cache.
            var connections = new List<ConnectionMultiplexer>();
            var correlators = new List<LiveCorrelator>();
            using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
            var keys = new WindowKeys(Options.Create(new RedisOptions { Configuration = options.Redis, KeyPrefix = options.Prefix }));
            var correlatorOptions = Options.Create(new CorrelatorOptions());
            for (var i = 0; i < options.Instances; i++)
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(options.Redis);
                connections.Add(connection);
                var topology = new TopologyProvider(
                    Options.Create(new TopologyOptions { CmdbPath = Path.GetFullPath(options.Cmdb), WatchForChanges = false }), clock,
                    NullLogger<TopologyProvider>.Instance);
                correlators.Add(new LiveCorrelator(connection, keys, correlatorOptions, new ActiveRules(Options.Create(_scoring)), topology, clock,
                    new CorrelatorTelemetry(meters.GetRequiredService<IMeterFactory>()), new LearnedModels(correlatorOptions)));
            }

            try
            {
                Log($"{storm.Count:N0} alarms from {options.Storm}, {options.Instances} instance(s), {options.InFlight} in flight, " +
                    $"prefix {options.Prefix}");
                var floor = await RoundTripFloorAsync(connections[0]);
                // As a service that has been up a while: the topology's scoring answers are worked out.
                var warming = Stopwatch.GetTimestamp();
                await Task.WhenAll(correlators.Select(c => c.WarmedAsync()));
                Log($"topology warmed in {Stopwatch.GetElapsedTime(warming).TotalSeconds:F1} s");
                await FeedAsync(correlators, clock, 0, options.Warmup, "warmup");

                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
                var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var retriesBefore = Interlocked.Read(ref _retries);
                var measuredStats = await probe.StatsAsync();
                var elapsed = await FeedAsync(correlators, clock, options.Warmup, storm.Count, "measure");
                var redisAfterRun = await probe.StatsAsync();
                process.Refresh();
                var cpu = process.TotalProcessorTime - cpuBefore;
                var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
                var gcs = (GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2, GC.CollectionCount(2) - gcBefore.Item3);
                var retries = Interlocked.Read(ref _retries) - retriesBefore;

                var census = await probe.CensusAsync();
                var windowed = Windowed();
                var measured = options.Warmup..storm.Count;
                var latencies = _latency[measured].Select(t => Stopwatch.GetElapsedTime(0, t).TotalMilliseconds).Order().ToArray();
                var live = Agreement();
                var (offline, offlineElapsed, prepareElapsed, keysPerAlarm) = options.Offline ? Offline() : (null, TimeSpan.Zero, TimeSpan.Zero, 0.0);

                return new LoadResult(
                    Environment.ProcessorCount,
                    before.Version,
                    storm.Count,
                    options.Warmup,
                    storm.Count - options.Warmup,
                    elapsed,
                    latencies,
                    cpu,
                    redisAfterRun.CpuSeconds - measuredStats.CpuSeconds,
                    allocated,
                    gcs,
                    retries,
                    Interlocked.Read(ref _retries),
                    new Dictionary<string, long>(_outcomes),
                    redisAfterRun.CommandsSince(measuredStats),
                    redisAfterRun.UsedMemory - before.UsedMemory,
                    windowed,
                    census,
                    live.Incidents,
                    live.Agreement,
                    offline?.Incidents,
                    offline?.Agreement,
                    offlineElapsed,
                    prepareElapsed,
                    keysPerAlarm,
                    floor,
                    _failures,
                    _firstFailure?.Message);
            }
            finally
            {
                if (!options.KeepKeys)
                {
                    Log($"deleted {await probe.DeleteAsync():N0} keys under {options.Prefix}");
                }

                foreach (var connection in connections)
                {
                    await connection.DisposeAsync();
                }
            }
        }

        /// <summary>
        /// What a trivial script call costs on this machine, one at a time and with --in-flight at once:
        /// the floor under each of the correlator's round trips (wall time and this process's CPU a call).
        /// </summary>
        private async Task<RoundTripFloor> RoundTripFloorAsync(ConnectionMultiplexer connection)
        {
            const int Calls = 5000;
            const string Script = "return 1";
            var db = connection.GetDatabase();
            await db.ScriptEvaluateAsync(Script);
            var process = Process.GetCurrentProcess();
            async Task<(double WallUs, double CpuUs)> Measure(int inFlight)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                using var gate = new SemaphoreSlim(inFlight, inFlight);
                var calls = new List<Task>(Calls);
                for (var i = 0; i < Calls; i++)
                {
                    await gate.WaitAsync();
                    calls.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await db.ScriptEvaluateAsync(Script);
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }));
                }

                await Task.WhenAll(calls);
                var wall = Stopwatch.GetElapsedTime(started);
                process.Refresh();
                return (wall.TotalMicroseconds / Calls, (process.TotalProcessorTime - cpu).TotalMicroseconds / Calls);
            }

            var one = await Measure(1);
            var many = await Measure(options.InFlight);
            Log($"round-trip floor (EVALSHA 'return 1'): one at a time {one.WallUs:F0} µs wall, {one.CpuUs:F0} µs CPU a call; " +
                $"{options.InFlight} at once {many.WallUs:F1} µs wall, {many.CpuUs:F1} µs CPU a call");
            return new RoundTripFloor(one.WallUs, one.CpuUs, many.WallUs, many.CpuUs);
        }

        /// <summary>Decides alarms [from, to) in storm order, at most --in-flight at once; answers the time from first call to last completion.</summary>
        private async Task<TimeSpan> FeedAsync(List<LiveCorrelator> correlators, StormClock clock, int from, int to, string phase)
        {
            if (to <= from)
            {
                return TimeSpan.Zero;
            }

            // Work goes out a batch at a time (one alarm when --batch is 1), --in-flight alarms at once in all.
            var slots = Math.Max(1, options.InFlight / options.Batch);
            using var gate = new SemaphoreSlim(slots, slots);
            using var stop = new CancellationTokenSource();
            var doneBefore = Volatile.Read(ref _done);
            var started = Stopwatch.GetTimestamp();
            var progress = ProgressAsync(phase, from, to, doneBefore, started, stop.Token);
            var dealt = 0;
            for (var i = from; i < to && !interrupted.IsCancellationRequested; i += options.Batch)
            {
                await gate.WaitAsync(CancellationToken.None);
                var end = Math.Min(to, i + options.Batch);
                clock.Reach(storm[end - 1].Alarm.ObservedAt);
                var (first, last) = (i, end);
                var correlator = correlators[dealt++ % correlators.Count];
                // Handed in in storm order, as a consumer hands batches in: the correlator takes its place in line
                // at once and prepares the batch on the thread pool.
                _ = DecideAsync(correlator, first, last, gate);
            }

            for (var i = 0; i < slots; i++)
            {
                await gate.WaitAsync();
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            await stop.CancelAsync();
            await progress;
            interrupted.ThrowIfCancellationRequested();
            Log($"{phase}: {to - from:N0} alarms in {elapsed.TotalSeconds:F2} s = {(to - from) / elapsed.TotalSeconds:N0} alarms/s" +
                (_failures > 0 ? $", {_failures:N0} failed so far (first: {_firstFailure?.Message})" : ""));

            return elapsed;
        }

        private async Task DecideAsync(LiveCorrelator correlator, int first, int last, SemaphoreSlim gate)
        {
            var alarms = storm.Skip(first).Take(last - first).Select(s => s.Alarm).ToList();
            var started = Stopwatch.GetTimestamp();
            try
            {
                var events = await correlator.CorrelateAsync(alarms);
                var byAlarm = events.ToLookup(AlarmIdOf);
                for (var index = first; index < last; index++)
                {
                    _latency[index] = Stopwatch.GetTimestamp() - started;
                    _incident[index] = IncidentOf(storm[index].Alarm, [.. byAlarm[storm[index].Alarm.Id]]);
                }

                Interlocked.Add(ref _done, last - first);
            }
#pragma warning disable CA1031 // a failed batch is counted and reported; the run stops feeding
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The service would hand it back to the bus for redelivery; here each alarm stays an incident of its own.
                for (var index = first; index < last; index++)
                {
                    _latency[index] = Stopwatch.GetTimestamp() - started;
                    _incident[index] = "failed-" + storm[index].Alarm.Id.ToString("N");
                }

                if (Interlocked.Add(ref _failures, last - first) == last - first)
                {
                    _firstFailure = ex;
                }
            }
            finally
            {
                gate.Release();
            }
        }

        private static Guid AlarmIdOf(object incidentEvent) => incidentEvent switch
        {
            IncidentOpened e => e.Alarm.Id,
            IncidentUpdated e => e.Alarm.Id,
            IncidentMerged { Alarm: { } alarm } => alarm.Id,
            _ => Guid.Empty,
        };

        private string IncidentOf(Alarm alarm, IReadOnlyList<object> events)
        {
            switch (events.Count > 0 ? events[0] : null)
            {
                case IncidentOpened opened:
                    return opened.Incident.IncidentId.ToString("D");
                case IncidentUpdated updated:
                    return updated.Incident.IncidentId.ToString("D");
                case IncidentMerged merged:
                    var survivor = merged.Incident.IncidentId.ToString("D");
                    foreach (var absorbed in merged.Absorbed)
                    {
                        _mergedInto[absorbed.IncidentId.ToString("D")] = survivor;
                    }

                    return survivor;
                default:
                    // As the offline replay counts it: a clear of nothing is an incident of its own.
                    return "ignored-" + alarm.Id.ToString("N");
            }
        }

        private async Task ProgressAsync(string phase, int from, int to, int doneBefore, long started, CancellationToken stop)
        {
            using var timer = new PeriodicTimer(ProgressEvery);
            var last = doneBefore;
            var lastAt = started;
            try
            {
                while (await timer.WaitForNextTickAsync(stop))
                {
                    var done = Volatile.Read(ref _done);
                    var now = Stopwatch.GetTimestamp();
                    var rate = (done - last) / Stopwatch.GetElapsedTime(lastAt, now).TotalSeconds;
                    var overall = (done - doneBefore) / Stopwatch.GetElapsedTime(started, now).TotalSeconds;
                    Log($"{phase}: {done - doneBefore:N0}/{to - from:N0} alarms, {rate:N0}/s now, {overall:N0}/s overall, " +
                        $"{Interlocked.Read(ref _retries):N0} retries, {Volatile.Read(ref _failures):N0} failed");
                    (last, lastAt) = (done, now);
                }
            }
            catch (OperationCanceledException)
            {
                // The phase is over.
            }
        }

        /// <summary>The correlator's own telemetry: outcomes and retried decisions (attempts beyond the first).</summary>
        private MeterListener Listen()
        {
            var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == CorrelatorTelemetry.MeterName
                        && instrument.Name is "correlation.correlator.retries" or "correlation.correlator.alarms")
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "correlation.correlator.retries")
                {
                    Interlocked.Add(ref _retries, value);
                    return;
                }

                foreach (var tag in tags)
                {
                    if (tag.Key == "outcome")
                    {
                        _outcomes.AddOrUpdate((string)tag.Value!, value, (_, n) => n + value);
                    }
                }
            });
            listener.Start();
            return listener;
        }

        /// <summary>Alarms whose storm time is within the scoring window of the last alarm decided: what the window holds at the end.</summary>
        private int Windowed()
        {
            var last = storm[^1].Alarm.ObservedAt;
            return storm.Count(a => a.Alarm.ObservedAt >= last - _scoring.Window);
        }

        private (int Incidents, PairwiseAgreement? Agreement) Agreement()
        {
            var predicted = _incident.Select(Final).ToArray();
            var incidents = predicted.Where(p => !p.StartsWith("ignored-", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Count();
            var truth = new Storm(options.Storm, storm).Truth();
            return (incidents, truth is null ? null : ClusteringAgreement.Compare(truth, predicted));
        }

        private string Final(string id)
        {
            for (var hops = 0; hops < 1024 && _mergedInto.TryGetValue(id, out var into); hops++)
            {
                id = into;
            }

            return id;
        }

        /// <summary>
        /// The same storm through the offline replay (same decider, window in memory, one alarm at a time):
        /// the F1 the live run should match, and the cost of the decisions alone; plus the cost of Prepare alone.
        /// </summary>
        private ((int Incidents, PairwiseAgreement? Agreement)? Result, TimeSpan Elapsed, TimeSpan Prepare, double KeysPerAlarm) Offline()
        {
            Log("offline replay of the same storm, for reference");
            var topology = CmdbLoader.Load(options.Cmdb);
            var alarms = storm.Select(a => a.Alarm).ToList();
            var started = Stopwatch.GetTimestamp();
            var incidents = new EngineAssigner(topology, _scoring).AssignAllAsync(alarms).GetAwaiter().GetResult();
            var elapsed = Stopwatch.GetElapsedTime(started);

            var decider = new Decider(topology, _scoring);
            started = Stopwatch.GetTimestamp();
            var keys = 0L;
            foreach (var alarm in alarms)
            {
                keys += decider.Prepare(alarm).CandidateKeys.Count;
            }

            var prepare = Stopwatch.GetElapsedTime(started);
            Log($"offline: {alarms.Count / elapsed.TotalSeconds:N0} alarms/s; Prepare alone {alarms.Count / prepare.TotalSeconds:N0} alarms/s, " +
                $"{(double)keys / alarms.Count:F1} candidate keys an alarm");
            var truth = new Storm(options.Storm, storm).Truth();
            var count = incidents.Where(p => !p.StartsWith("ignored-", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Count();
            return ((count, truth is null ? null : ClusteringAgreement.Compare(truth, incidents)), elapsed, prepare, (double)keys / alarms.Count);
        }
    }

    internal static void Log(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
