namespace Correlation.Correlator.Evaluation;

/// <summary>
/// How a predicted grouping agrees with the truth, counted over pairs of alarms.
/// </summary>
/// <param name="Alarms">Alarms scored.</param>
/// <param name="TruthPairs">Pairs that share a truth group.</param>
/// <param name="PredictedPairs">Pairs that share a predicted incident.</param>
/// <param name="SharedPairs">Pairs that share both (correct joins).</param>
/// <param name="Precision">Share of predicted joins that are true. 1 when nothing was joined: no join was wrong.</param>
/// <param name="Recall">Share of true joins that were predicted. 1 when the truth joins nothing: nothing was missed.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="AdjustedRandIndex">Hubert–Arabie adjusted Rand index: 1 for identical groupings, about 0 for chance.</param>
public sealed record PairwiseAgreement(
    long Alarms,
    long TruthPairs,
    long PredictedPairs,
    long SharedPairs,
    double Precision,
    double Recall,
    double F1,
    double AdjustedRandIndex);
