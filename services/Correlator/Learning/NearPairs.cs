using System.Runtime.InteropServices;

namespace Correlation.Correlator.Learning;

/// <summary>
/// Counts, over a labelled history in time order, every pair of alarms raised within a window of each
/// other under the unordered pair of their keys, and how many of those pairs shared a true incident.
/// The learned affinities (alarm types, alarm signatures) differ only in the key they count under.
/// </summary>
public static class NearPairs
{
    /// <param name="alarms">The history, sorted by time; each alarm's key and true incident.</param>
    /// <param name="window">Two alarms further apart than this are not a pair.</param>
    /// <param name="order">Orders the two keys of a pair, so (a, b) and (b, a) count as one.</param>
    /// <exception cref="ArgumentException">The alarms are not in time order.</exception>
    public static Dictionary<(TKey Low, TKey High), PairCount> Count<TKey>(
        IReadOnlyList<(TKey Key, DateTimeOffset Time, string Group)> alarms, TimeSpan window, IComparer<TKey> order)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(order);
        var pairs = new Dictionary<(TKey, TKey), PairCount>();
        var start = 0;
        for (var i = 0; i < alarms.Count; i++)
        {
            if (i > 0 && alarms[i].Time < alarms[i - 1].Time)
            {
                throw new ArgumentException($"alarm {i} is earlier than the one before it; the history must be in time order", nameof(alarms));
            }

            while (alarms[i].Time - alarms[start].Time > window)
            {
                start++;
            }

            for (var j = start; j < i; j++)
            {
                var (a, b) = (alarms[i].Key, alarms[j].Key);
                var key = order.Compare(a, b) <= 0 ? (a, b) : (b, a);
                ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(pairs, key, out _);
                counts = new PairCount(counts.Together + (alarms[i].Group == alarms[j].Group ? 1 : 0), counts.Near + 1);
            }
        }

        return pairs;
    }
}
