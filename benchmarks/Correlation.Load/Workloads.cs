using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Load;

/// <summary>The alarms of each workload, built before the clock starts.</summary>
internal static class Workloads
{
    private static readonly string[] SyntheticTypes = ["link_down", "high_cpu", "interface_errors", "packet_loss", "bgp_session_down", "device_unreachable"];

    /// <summary>A recorded storm in time order, sent at <paramref name="rate"/> alarms a second (0: as fast as they are taken).</summary>
    public static List<LoadAlarm> Storm(IReadOnlyList<StormAlarm> storm, double rate)
    {
        var first = storm[0].Alarm.ObservedAt;
        return [.. storm.Select((s, i) => From(s.Alarm, rate == 0 ? 0 : i / rate, s.Alarm.ObservedAt - first, s.Group))];
    }

    /// <summary>
    /// The densest stretch of a real storm that lasts <paramref name="wallSeconds"/> when replayed at
    /// <paramref name="speed"/>× its own pace (alarms keep their spacing divided by the speed).
    /// </summary>
    public static (List<LoadAlarm> Alarms, DateTimeOffset From, DateTimeOffset To) Replay(IReadOnlyList<Alarm> alarms, double speed, double wallSeconds)
    {
        var span = TimeSpan.FromSeconds(wallSeconds * speed);
        var (best, bestCount, end) = (0, 0, 0);
        for (var start = 0; start < alarms.Count; start++)
        {
            while (end < alarms.Count && alarms[end].ObservedAt - alarms[start].ObservedAt < span)
            {
                end++;
            }

            if (end - start > bestCount)
            {
                (best, bestCount) = (start, end - start);
            }
        }

        var origin = alarms[best].ObservedAt;
        var slice = alarms.Skip(best).Take(bestCount)
            .Select(a => From(a, (a.ObservedAt - origin).TotalSeconds / speed, a.ObservedAt - origin, null)).ToList();
        return (slice, origin, origin + span);
    }

    /// <summary>A whole real storm as fast as it is taken, its own spacing kept in the observed times.</summary>
    public static List<LoadAlarm> Whole(IReadOnlyList<Alarm> alarms)
    {
        var origin = alarms[0].ObservedAt;
        return [.. alarms.Select(a => From(a, 0, a.ObservedAt - origin, null))];
    }

    /// <summary>
    /// <paramref name="count"/> alarms at a constant <paramref name="rate"/> on the network's devices, each a
    /// condition of its own (unique fingerprint), or, with <paramref name="duplicateShare"/> &gt; 0, that share of
    /// them repeating a small set of conditions (the same device, type and instance again: what a flapping or
    /// chattering element sends). Observed time is when ingest receives them.
    /// </summary>
    public static List<LoadAlarm> Constant(NetworkTopology topology, string tag, double rate, int count, double duplicateShare, int seed)
    {
        var devices = topology.Devices;
        var random = new Random(seed);
        var repeated = Math.Max(1, Math.Min(200, count / 50));
        var alarms = new List<LoadAlarm>(count);
        for (var i = 0; i < count; i++)
        {
            var condition = random.NextDouble() < duplicateShare ? random.Next(repeated) : repeated + i;
            var device = devices[(int)((long)condition * 7919 % devices.Count)];
            var type = SyntheticTypes[condition % SyntheticTypes.Length];
            var instance = $"{tag}-{condition}";
            alarms.Add(new LoadAlarm(device.Id, device.SiteId, type, "major", false, $"{device.Id}: {type} on {instance}", instance, null,
                rate == 0 ? 0 : i / rate, null, null));
        }

        return alarms;
    }

    private static LoadAlarm From(Alarm alarm, double offset, TimeSpan stormTime, string? group) => new(
        alarm.Resource, alarm.Site, alarm.AlarmType, alarm.Severity.ToString().ToLowerInvariant(), alarm.Status == AlarmStatus.Cleared,
        alarm.Summary, alarm.Labels.GetValueOrDefault("instance"), alarm.Fingerprint, offset, stormTime, group);
}
