namespace Correlation.Correlator.Learning;

/// <summary>
/// Of the pairs of alarms raised close together under one pair of keys (alarm types, signatures), how
/// many belonged to one true incident.
/// </summary>
/// <param name="Together">Pairs whose two alarms were in the same true incident.</param>
/// <param name="Near">All pairs raised within the window of each other.</param>
public readonly record struct PairCount(long Together, long Near)
{
    /// <summary>What a pair never seen close together scores: no evidence either way.</summary>
    public const double Neutral = 0.5;

    /// <summary>
    /// (together + 1) / (near + 2): Laplace smoothing, so one lucky pair does not make a certainty and
    /// the estimate moves from <see cref="Neutral"/> towards the observed share as evidence grows.
    /// </summary>
    public double Affinity => (Together + 1.0) / (Near + 2.0);

    /// <summary>True when the counts could come from a history: no negatives, no more together than near.</summary>
    public bool IsPossible => Together >= 0 && Near >= Together;
}
