namespace Correlation.Cli.Metrics;

/// <summary>
/// How close together, in the topology, the devices are whose alarms a method joined.
/// </summary>
/// <param name="MaxHops">The distance counted as close (two hops by default).</param>
/// <param name="JoinedPairs">Alarm pairs joined in one incident whose devices differ.</param>
/// <param name="PairsWithinHops">Of those, the pairs whose devices are at most <paramref name="MaxHops"/> apart (estimated when <paramref name="Sampled"/>).</param>
/// <param name="Sampled">True when some incident had too many devices to count exactly and was sampled.</param>
public sealed record TopologyAgreement(int MaxHops, long JoinedPairs, double PairsWithinHops, bool Sampled)
{
    /// <summary>Share of joined cross-device pairs that are close; null when nothing was joined across devices.</summary>
    public double? Share => JoinedPairs == 0 ? null : PairsWithinHops / JoinedPairs;
}
