using Correlation.Correlator.Evaluation;

namespace Correlation.Cli.Metrics;

/// <summary>
/// A proxy for precision where there is no truth: incidents should rarely join alarms of devices that
/// are far apart. Measures the share of joined alarm pairs (same incident, different devices) whose
/// devices are within a few hops.
/// </summary>
public static class TopologyProxy
{
    public const int DefaultMaxHops = 2;

    /// <summary>
    /// Above this many distinct device pairs in one incident, its share is estimated from this many
    /// sampled alarm pairs instead of counted. 250,000 keeps any one incident to a fraction of a second
    /// and still counts incidents of up to about 700 devices exactly (the Huawei network has 474).
    /// </summary>
    public const int DefaultExactPairBudget = 250_000;

    /// <summary>Fixed so that a sampled figure is the same on every run.</summary>
    public const int DefaultSeed = 20_210_101;

    /// <param name="devices">The device of each alarm.</param>
    /// <param name="incidents">The incident of each alarm, in the same order.</param>
    /// <param name="hops">Hop distance between two devices; null when unknown or unreachable (counted as far).</param>
    /// <param name="exactPairBudget">Incidents with more distinct device pairs than this are sampled.</param>
    /// <param name="samplePairs">Alarm pairs drawn from a sampled incident; by default as many as the budget.</param>
    public static TopologyAgreement Measure(
        IReadOnlyList<string> devices,
        IReadOnlyList<string> incidents,
        Func<string, string, int?> hops,
        int maxHops = DefaultMaxHops,
        int exactPairBudget = DefaultExactPairBudget,
        int? samplePairs = null,
        int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(hops);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exactPairBudget);
        var samples = samplePairs ?? exactPairBudget;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples, nameof(samplePairs));
        if (devices.Count != incidents.Count)
        {
            throw new ArgumentException($"{devices.Count} devices but {incidents.Count} incidents; one each per alarm is needed", nameof(incidents));
        }

        var deviceIds = Labels.Intern(devices, out var deviceCount);
        var names = new string[deviceCount];
        for (var i = 0; i < deviceIds.Length; i++)
        {
            names[deviceIds[i]] ??= devices[i];
        }

        var random = new Random(seed);
        long joined = 0;
        double within = 0;
        var sampled = false;
        foreach (var group in IncidentCounts.ByIncident(incidents, deviceIds))
        {
            var pairs = IncidentCounts.PairsWithDifferentValues(group);
            if (pairs == 0)
            {
                continue;
            }

            joined += pairs;
            if (Labels.Pairs(group.Length) <= exactPairBudget)
            {
                within += CountWithin(group, names, hops, maxHops);
            }
            else
            {
                sampled = true;
                within += pairs * SampleShareWithin(group, names, hops, maxHops, samples, random);
            }
        }

        return new TopologyAgreement(maxHops, joined, within, sampled);
    }

    private static long CountWithin(IncidentCounts.ValueCount[] group, string[] names, Func<string, string, int?> hops, int maxHops)
    {
        long within = 0;
        for (var i = 0; i < group.Length; i++)
        {
            for (var j = i + 1; j < group.Length; j++)
            {
                if (hops(names[group[i].Value], names[group[j].Value]) is { } distance && distance <= maxHops)
                {
                    within += group[i].Count * group[j].Count;
                }
            }
        }

        return within;
    }

    // Two alarms drawn independently, redrawn when they share a device: each device pair is then drawn
    // in proportion to the alarm pairs it stands for, as in the exact count.
    private static double SampleShareWithin(
        IncidentCounts.ValueCount[] group, string[] names, Func<string, string, int?> hops, int maxHops, int samples, Random random)
    {
        var cumulative = new long[group.Length];
        long total = 0;
        for (var i = 0; i < group.Length; i++)
        {
            total += group[i].Count;
            cumulative[i] = total;
        }

        var hits = 0;
        for (var s = 0; s < samples; s++)
        {
            int a, b;
            do
            {
                a = Pick(cumulative, random.NextInt64(total));
                b = Pick(cumulative, random.NextInt64(total));
            }
            while (a == b);

            if (hops(names[group[a].Value], names[group[b].Value]) is { } distance && distance <= maxHops)
            {
                hits++;
            }
        }

        return (double)hits / samples;
    }

    private static int Pick(long[] cumulative, long draw)
    {
        // The first device whose cumulative count exceeds the draw.
        var index = Array.BinarySearch(cumulative, draw + 1);
        return index >= 0 ? index : ~index;
    }
}
