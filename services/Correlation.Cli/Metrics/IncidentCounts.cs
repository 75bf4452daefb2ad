using Correlation.Correlator.Evaluation;

namespace Correlation.Cli.Metrics;

/// <summary>
/// For each incident, how many of its alarms carry each value (device, alarm type). Pair figures come
/// from these counts: k alarms on one device and l on another make k·l pairs, with no need to visit them.
/// </summary>
internal static class IncidentCounts
{
    public readonly record struct ValueCount(int Value, long Count);

    public static List<ValueCount[]> ByIncident(IReadOnlyList<string> incidents, int[] values)
    {
        var incidentIds = Labels.Intern(incidents, out _);
        var keys = new long[incidentIds.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)incidentIds[i] << 32) | (uint)values[i];
        }

        Array.Sort(keys);
        var result = new List<ValueCount[]>();
        var current = new List<ValueCount>();
        for (var i = 0; i < keys.Length;)
        {
            var key = keys[i];
            var run = i;
            while (run < keys.Length && keys[run] == key)
            {
                run++;
            }

            current.Add(new ValueCount((int)(key & 0xFFFF_FFFF), run - i));
            var incident = key >> 32;
            if (run == keys.Length || keys[run] >> 32 != incident)
            {
                result.Add([.. current]);
                current.Clear();
            }

            i = run;
        }

        return result;
    }

    /// <summary>All alarms as one group: the storm-wide counts that chance figures are taken over.</summary>
    public static ValueCount[] Overall(int[] values, int distinct)
    {
        var counts = new long[distinct];
        foreach (var value in values)
        {
            counts[value]++;
        }

        return [.. counts.Select((count, value) => new ValueCount(value, count)).Where(c => c.Count > 0)];
    }

    /// <summary>Pairs of alarms in the group whose values differ: (m² − Σ cᵢ²) / 2.</summary>
    public static long PairsWithDifferentValues(ValueCount[] group)
    {
        long total = 0;
        long sameValue = 0;
        foreach (var (_, count) in group)
        {
            total += count;
            sameValue += count * count;
        }

        return (total * total - sameValue) / 2;
    }
}
