namespace Correlation.Correlator.Evaluation;

/// <summary>Maps string labels to dense integers so counting works on arrays, not on string keys.</summary>
public static class Labels
{
    public static int[] Intern(IReadOnlyList<string> labels, out int distinct)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i] ?? throw new ArgumentException($"label {i} is null", nameof(labels));
            if (!ids.TryGetValue(label, out var id))
            {
                id = ids.Count;
                ids.Add(label, id);
            }

            result[i] = id;
        }

        distinct = ids.Count;
        return result;
    }

    /// <summary>Pairs among <paramref name="n"/> items. Exact in a long up to about three billion items.</summary>
    public static long Pairs(long n) => n * (n - 1) / 2;
}
