using Correlation.Correlator.Evaluation;

namespace Correlation.Cli.Metrics;

/// <summary>
/// A proxy for precision where there is no truth: the alarm-type pairs a method joins should be linked
/// in the expert causal graph more often than chance.
/// </summary>
/// <remarks>
/// Exact, never sampled: per incident it counts alarms by type, then adds k·l for every pair of types
/// that is an edge, walking either the incident's type pairs or the graph's edges, whichever is fewer.
/// The chance figure is the same count over the whole storm as one group, so a 50,000-alarm storm
/// costs one pass and a few thousand type pairs, not a billion alarm pairs. Pairs of the same type are
/// left out of both figures: an edge links two different types.
/// </remarks>
public static class CausalProxy
{
    /// <param name="alarmTypes">The alarm type of each alarm.</param>
    /// <param name="incidents">The incident of each alarm, in the same order.</param>
    /// <param name="causalEdges">Directed cause → effect edges between alarm types; direction is ignored.</param>
    public static CausalAgreement Measure(
        IReadOnlyList<string> alarmTypes,
        IReadOnlyList<string> incidents,
        IEnumerable<(string Cause, string Effect)> causalEdges)
    {
        ArgumentNullException.ThrowIfNull(alarmTypes);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(causalEdges);
        if (alarmTypes.Count != incidents.Count)
        {
            throw new ArgumentException($"{alarmTypes.Count} alarm types but {incidents.Count} incidents; one each per alarm is needed", nameof(incidents));
        }

        var typeIds = Labels.Intern(alarmTypes, out var typeCount);
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < typeIds.Length; i++)
        {
            idOf.TryAdd(alarmTypes[i], typeIds[i]);
        }

        // Edges between types that never occur cannot join anything; they are dropped up front.
        var edges = new HashSet<long>();
        foreach (var (cause, effect) in causalEdges)
        {
            if (idOf.TryGetValue(cause, out var a) && idOf.TryGetValue(effect, out var b) && a != b)
            {
                edges.Add(Key(a, b));
            }
        }

        var edgeList = edges.ToArray();
        var scratch = new long[typeCount];
        long joined = 0;
        long joinedCausal = 0;
        foreach (var group in IncidentCounts.ByIncident(incidents, typeIds))
        {
            joined += IncidentCounts.PairsWithDifferentValues(group);
            joinedCausal += CausalPairs(group, edges, edgeList, scratch);
        }

        var overall = IncidentCounts.Overall(typeIds, typeCount);
        return new CausalAgreement(joined, joinedCausal, IncidentCounts.PairsWithDifferentValues(overall),
            CausalPairs(overall, edges, edgeList, scratch));
    }

    private static long CausalPairs(IncidentCounts.ValueCount[] group, HashSet<long> edges, long[] edgeList, long[] scratch)
    {
        long causal = 0;
        if (Labels.Pairs(group.Length) <= edgeList.Length)
        {
            for (var i = 0; i < group.Length; i++)
            {
                for (var j = i + 1; j < group.Length; j++)
                {
                    if (edges.Contains(Key(group[i].Value, group[j].Value)))
                    {
                        causal += group[i].Count * group[j].Count;
                    }
                }
            }

            return causal;
        }

        foreach (var (value, count) in group)
        {
            scratch[value] = count;
        }

        foreach (var edge in edgeList)
        {
            causal += scratch[(int)(edge >> 32)] * scratch[(int)(edge & 0xFFFF_FFFF)];
        }

        foreach (var (value, _) in group)
        {
            scratch[value] = 0;
        }

        return causal;
    }

    private static long Key(int a, int b) => a < b ? ((long)a << 32) | (uint)b : ((long)b << 32) | (uint)a;
}
