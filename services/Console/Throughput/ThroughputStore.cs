using System.Globalization;
using Correlation.Console.Projection;
using StackExchange.Redis;

namespace Correlation.Console.Throughput;

/// <summary>
/// One minute of the pipeline as the console saw it: alarms that reached incidents, incidents opened and resolved,
/// compression (alarms per incident opened), latency from ingest to the console (ms), and the backlog: open
/// incidents and those nobody has acknowledged, as last sampled in the minute.
/// </summary>
public sealed record ThroughputPoint(
    DateTimeOffset Minute,
    long Alarms,
    long Incidents,
    long Resolved,
    double? Compression,
    double? LatencyAvgMs,
    double? LatencyP95Ms,
    long? LatencyMaxMs,
    long? Open,
    long? Unacknowledged);

/// <summary>Reads the per-minute counters that apply-view.lua keeps, and records the backlog samples.</summary>
public sealed class ThroughputStore(IConnectionMultiplexer redis, ConsoleKeys keys, TimeProvider clock)
{
    public async Task<IReadOnlyList<ThroughputPoint>> ReadAsync(int minutes)
    {
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow();
        var last = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60);
        var minuteStarts = Enumerable.Range(0, minutes).Select(i => last.AddMinutes(i - minutes + 1)).ToArray();
        var reads = minuteStarts.Select(m => db.HashGetAllAsync(keys.Throughput(m))).ToArray();
        var buckets = await Task.WhenAll(reads);
        return minuteStarts.Select((m, i) => ToPoint(m, buckets[i].ToDictionary(e => (string)e.Name!, e => (long)e.Value, StringComparer.Ordinal))).ToList();
    }

    /// <summary>Records the open and unacknowledged incident counts in the current minute.</summary>
    /// <returns>The priority of each open incident (empty when not triaged yet).</returns>
    public async Task<IReadOnlyList<string>> SampleBacklogAsync(TimeSpan retention)
    {
        var db = redis.GetDatabase();
        var open = await db.SetMembersAsync(keys.Open);
        var views = await Task.WhenAll(open.Select(id => db.HashGetAsync(keys.View(Guid.Parse((string)id!)), ["ackBy", "priority"])));
        var key = keys.Throughput(clock.GetUtcNow());
        await db.HashSetAsync(key, [new HashEntry("open", open.Length), new HashEntry("unacked", views.Count(v => v[0].IsNull))]);
        await db.KeyExpireAsync(key, retention);
        return [.. views.Select(v => (string?)v[1] ?? "")];
    }

    private static ThroughputPoint ToPoint(DateTimeOffset minute, Dictionary<string, long> f)
    {
        var alarms = f.GetValueOrDefault("alarms");
        var incidents = f.GetValueOrDefault("incidents");
        var count = f.GetValueOrDefault("latency.count");
        return new ThroughputPoint(minute, alarms, incidents, f.GetValueOrDefault("resolved"),
            incidents == 0 ? null : Math.Round((double)alarms / incidents, 2),
            count == 0 ? null : Math.Round((double)f.GetValueOrDefault("latency.sum") / count, 1),
            count == 0 ? null : Percentile(f, count, 0.95),
            f.TryGetValue("latency.max", out var max) ? max : null,
            f.TryGetValue("open", out var open) ? open : null,
            f.TryGetValue("unacked", out var unacked) ? unacked : null);
    }

    /// <summary>The upper bound of the histogram bucket holding the percentile (the largest seen when past the last bound).</summary>
    private static double Percentile(Dictionary<string, long> f, long count, double quantile)
    {
        var rank = (long)Math.Ceiling(count * quantile);
        long seen = 0;
        foreach (var bound in IncidentViewStore.LatencyBounds)
        {
            seen += f.GetValueOrDefault("latency.le." + bound.ToString(CultureInfo.InvariantCulture));
            if (seen >= rank)
            {
                return bound;
            }
        }

        return f.GetValueOrDefault("latency.max");
    }
}
