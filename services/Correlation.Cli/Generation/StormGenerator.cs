using System.Globalization;
using Correlation.Cli.Generation.Faults;
using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Cli.Generation;

/// <summary>
/// Generates a storm of a target size on a generated network: faults of the chosen shapes arrive one after
/// another at a realistic rate (a Poisson process, <see cref="GenerationOptions.FaultsPerHour"/>), or, for a
/// dense storm, start at random times within <see cref="GenerationOptions.Duration"/>; each fault is one true
/// incident (its alarms share a group), and the alarms are returned in time order. Everything comes from one seeded <see cref="Random"/> per run, so the same
/// options give byte-identical output.
/// </summary>
public static class StormGenerator
{
    public static GeneratedStorm Generate(GenerationOptions options, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Alarms is < GenerationOptions.MinAlarms or > GenerationOptions.MaxAlarms)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Alarms, "alarms out of range");
        }
        if (options.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Duration, "duration must be positive");
        }
        if (options.Duration is null && !(options.EffectiveFaultsPerHour > 0 && double.IsFinite(options.EffectiveFaultsPerHour)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FaultsPerHour, "faults per hour must be positive");
        }
        var network = NetworkGenerator.Generate(options.Seed, options.Sites);
        // A second stream for the storm, so that the network does not change when the storm options do.
        var random = new Random(unchecked(options.Seed * 7919 + 104_729));
        var run = new Run(network, random, options);
        return run.Generate(progress);
    }

    /// <summary>One fault of the given shape at the given start; used by the tests to probe each shape.</summary>
    public static FaultBuilder NewFault(NetworkTopology network, Random random, string shape, string group, DateTimeOffset start) =>
        new(network, random, shape, group, start);

    private sealed class Run(NetworkTopology network, Random random, GenerationOptions options)
    {
        private readonly List<StormAlarm> _alarms = new(options.Alarms);
        private readonly List<GeneratedFault> _faults = [];
        private readonly IReadOnlyList<Site> _sites = network.Sites;
        private readonly IReadOnlyList<Device> _switches = [.. network.Devices.Where(SwitchDegradation.IsCandidate)];
        private readonly IReadOnlyList<string> _regions = [.. network.Sites.Select(s => s.Region ?? "").Distinct(StringComparer.Ordinal)];

        public GeneratedStorm Generate(Action<int>? progress)
        {
            var reported = 0;
            while (_alarms.Count < options.Alarms)
            {
                var shape = options.Shape == StormShape.Mixed ? MixedShape() : options.Shape;
                // Dense storms draw the start of each fault as it is made (the same sequence as ever).
                var arrival = options.Duration is null ? NextStart() : default;
                if (shape == StormShape.Unrelated)
                {
                    var start = options.Duration is null ? arrival : NextStart();
                    // Independent faults in different regions that overlap in time: each its own incident.
                    var count = random.Next(2, 4);
                    var regions = _regions.OrderBy(_ => random.Next()).Take(count).ToList();
                    foreach (var region in regions)
                    {
                        var inner = (StormShape)random.Next(1, 4);
                        Fault(inner, () => start.AddSeconds(random.NextDouble() * 180), "unrelated", region);
                    }
                }
                else
                {
                    // Dense: a clashing fault is drawn again at another time; arriving: elsewhere at the same time.
                    Fault(shape, options.Duration is null ? () => arrival : NextStart, ShapeName(shape), region: null);
                }
                if (progress is not null && _alarms.Count / 10_000 > reported)
                {
                    reported = _alarms.Count / 10_000;
                    progress(Math.Min(_alarms.Count, options.Alarms));
                }
            }
            // Stable: alarms stamped with the same instant keep the order they were made in.
            var ordered = _alarms.OrderBy(a => a.Alarm.ObservedAt).Select((a, i) => a with { Line = i + 1 }).ToList();
            return new GeneratedStorm(network, ordered, _faults);
        }

        private DateTimeOffset _arrival = options.Start;

        private DateTimeOffset NextStart()
        {
            if (options.Duration is { } duration)
            {
                return options.Start + duration * random.NextDouble();
            }

            // Exponential gaps between arrivals: a Poisson process at the given rate.
            var start = _arrival;
            _arrival += TimeSpan.FromHours(-Math.Log(1.0 - random.NextDouble()) / options.EffectiveFaultsPerHour);
            return start;
        }

        private StormShape MixedShape()
        {
            var roll = random.NextDouble();
            return roll switch
            {
                < 0.12 => StormShape.Power,
                < 0.34 => StormShape.Link,
                < 0.52 => StormShape.Degradation,
                < 0.60 => StormShape.Unrelated,
                _ => StormShape.Noise,
            };
        }

        private void Fault(StormShape shape, Func<DateTimeOffset> startAt, string label, string? region)
        {
            var remaining = options.Alarms - _alarms.Count;
            if (remaining <= 0)
            {
                return;
            }
            var number = (_faults.Count + 1).ToString("00000", CultureInfo.InvariantCulture);
            // A condition already raised by one fault is not newly raised by another at the same time, and a
            // device that is unreachable in one fault reports nothing else in another: the truth could not
            // say which incident such alarms belong to. So a fault that clashes with one in progress is drawn
            // again (elsewhere or at another time); in storms too dense for that, the last draw is kept.
            FaultBuilder fault = null!;
            string where = "";
            Footprint footprint = null!;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                (fault, where) = Draw(shape, startAt(), label, region, number);
                footprint = FootprintOf(fault);
                if (!Clashes(footprint))
                {
                    break;
                }
            }
            Reserve(footprint);
            // The last fault is cut short at the target size: its first alarms are kept, as if the
            // recording stopped there.
            var alarms = fault.Alarms.Count <= remaining
                ? fault.Alarms
                : [.. fault.Alarms.OrderBy(a => a.Alarm.ObservedAt).Take(remaining)];
            _alarms.AddRange(alarms);
            _faults.Add(new GeneratedFault(fault.Group, label, where, alarms.Count));
        }

        private const int MaxAttempts = 8;

        private readonly Dictionary<string, List<Span>> _busyConditions = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<Span>> _busyDevices = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<Span>> _downDevices = new(StringComparer.OrdinalIgnoreCase);

        private Footprint FootprintOf(FaultBuilder fault)
        {
            var conditions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var devices = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var down = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var alarm in fault.Alarms)
            {
                if (network.Resolve(alarm.Alarm.Resource) is not { } device)
                {
                    continue;
                }
                devices.Add(device.Id);
                conditions.Add(ConditionKey(device.Id, alarm.Alarm));
                if (alarm.Alarm.AlarmType == "device_unreachable")
                {
                    down.Add(device.Id);
                }
            }
            var span = new Span(fault.Alarms.Min(a => a.Alarm.ObservedAt), fault.Alarms.Max(a => a.Alarm.ObservedAt));
            return new Footprint(span, conditions, devices, down);
        }

        private static string ConditionKey(string deviceId, Alarm alarm) =>
            $"{deviceId}\n{alarm.AlarmType}\n{alarm.Labels.GetValueOrDefault("instance")}";

        private bool Clashes(Footprint f) =>
            f.Conditions.Any(c => Busy(_busyConditions, c, f.Span))
            || f.Devices.Any(d => Busy(_downDevices, d, f.Span))
            || f.Down.Any(d => Busy(_busyDevices, d, f.Span));

        private static bool Busy(Dictionary<string, List<Span>> busy, string key, Span span) =>
            busy.TryGetValue(key, out var spans) && spans.Any(s => s.From <= span.To && span.From <= s.To);

        private void Reserve(Footprint f)
        {
            Add(_busyConditions, f.Conditions, f.Span);
            Add(_busyDevices, f.Devices, f.Span);
            Add(_downDevices, f.Down, f.Span);

            static void Add(Dictionary<string, List<Span>> busy, HashSet<string> keys, Span span)
            {
                foreach (var key in keys)
                {
                    if (!busy.TryGetValue(key, out var spans))
                    {
                        busy.Add(key, spans = []);
                    }
                    spans.Add(span);
                }
            }
        }

        private sealed record Span(DateTimeOffset From, DateTimeOffset To);

        private sealed record Footprint(Span Span, HashSet<string> Conditions, HashSet<string> Devices, HashSet<string> Down);

        private (FaultBuilder Fault, string Where) Draw(StormShape shape, DateTimeOffset start, string label, string? region, string number)
        {
            var sites = region is null ? _sites : [.. _sites.Where(s => s.Region == region)];
            var site = sites[random.Next(sites.Count)];
            FaultBuilder fault;
            string where;
            switch (shape)
            {
                case StormShape.Power:
                    // Data centres rarely lose power; branches do.
                    if (network.DevicesAt(site.Id).Any(d => d.Role == DeviceRole.CoreRouter) && random.NextDouble() < 0.8)
                    {
                        var branches = sites.Where(s => !network.DevicesAt(s.Id).Any(d => d.Role == DeviceRole.CoreRouter)).ToList();
                        site = branches.Count > 0 ? branches[random.Next(branches.Count)] : site;
                    }
                    where = site.Id;
                    fault = New(label, number, where, start);
                    SitePowerLoss.Generate(fault, site.Id);
                    break;
                case StormShape.Link:
                    var local = network.Links.Where(l => region is null || Region(l.A) == region).ToList();
                    var link = LinkCut.Choose(random, local.Count > 0 ? local : network.Links);
                    where = link.Id;
                    fault = New(label, number, where, start);
                    LinkCut.Generate(fault, link);
                    break;
                case StormShape.Degradation:
                    var candidates = _switches.Where(d => region is null || Region(d.Id) == region).ToList();
                    var device = (candidates.Count > 0 ? candidates : _switches)[random.Next(candidates.Count > 0 ? candidates.Count : _switches.Count)];
                    where = device.Id;
                    fault = New(label, number, where, start);
                    SwitchDegradation.Generate(fault, device);
                    break;
                default:
                    var any = network.Devices[random.Next(network.Devices.Count)];
                    where = any.Id;
                    fault = New(label, number, where, start);
                    Noise.Generate(fault, any);
                    break;
            }
            return (fault, where);
        }

        private FaultBuilder New(string label, string number, string where, DateTimeOffset start) =>
            new(network, random, label, $"{label}-{number}{(where.Length > 0 ? "-" + where : "")}", start);

        private string? Region(string deviceId) => network.SiteOf(deviceId)?.Region;
    }

    public static string ShapeName(StormShape shape) => shape switch
    {
        StormShape.Power => SitePowerLoss.Shape,
        StormShape.Link => LinkCut.Shape,
        StormShape.Degradation => SwitchDegradation.Shape,
        StormShape.Noise => Noise.Shape,
        StormShape.Unrelated => "unrelated",
        _ => "mixed",
    };
}
