namespace Correlation.Correlator.Evaluation;

/// <summary>
/// Pairwise precision, recall, F1 and the adjusted Rand index of a predicted grouping against the truth.
/// </summary>
/// <remarks>
/// Everything comes from the contingency table (alarms per truth group and predicted incident), built
/// in one pass, so the cost is O(n) however large the storm: the pairs are never enumerated. Pair
/// counts are exact longs (100,000 alarms make about 5·10⁹ pairs, beyond an int); the ARI's products
/// of two pair counts would overflow a long and are taken in double.
/// </remarks>
public static class ClusteringAgreement
{
    public static PairwiseAgreement Compare(IReadOnlyList<string> truth, IReadOnlyList<string> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException($"{truth.Count} truth labels but {predicted.Count} predictions; one each per alarm is needed", nameof(predicted));
        }

        var n = truth.Count;
        var truthIds = Labels.Intern(truth, out var truthGroups);
        var predictedIds = Labels.Intern(predicted, out var incidents);
        var truthSizes = new long[truthGroups];
        var incidentSizes = new long[incidents];
        var cells = new Dictionary<long, long>();
        for (var i = 0; i < n; i++)
        {
            truthSizes[truthIds[i]]++;
            incidentSizes[predictedIds[i]]++;
            var cell = ((long)truthIds[i] << 32) | (uint)predictedIds[i];
            cells[cell] = cells.GetValueOrDefault(cell) + 1;
        }

        long shared = 0;
        foreach (var count in cells.Values)
        {
            shared += Labels.Pairs(count);
        }

        long truthPairs = 0;
        foreach (var size in truthSizes)
        {
            truthPairs += Labels.Pairs(size);
        }

        long predictedPairs = 0;
        foreach (var size in incidentSizes)
        {
            predictedPairs += Labels.Pairs(size);
        }

        var precision = predictedPairs == 0 ? 1.0 : (double)shared / predictedPairs;
        var recall = truthPairs == 0 ? 1.0 : (double)shared / truthPairs;
        var f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
        return new PairwiseAgreement(n, truthPairs, predictedPairs, shared, precision, recall, f1,
            AdjustedRandIndex(shared, truthPairs, predictedPairs, Labels.Pairs(n)));
    }

    private static double AdjustedRandIndex(long shared, long truthPairs, long predictedPairs, long allPairs)
    {
        if (allPairs == 0)
        {
            return 1.0;
        }

        var expected = (double)truthPairs * predictedPairs / allPairs;
        var maximum = ((double)truthPairs + predictedPairs) / 2;
        // The denominator vanishes only when both groupings are all singletons or both are one group:
        // then they are identical, and identical groupings score 1.
        var denominator = maximum - expected;
        return denominator == 0 ? 1.0 : (shared - expected) / denominator;
    }
}
