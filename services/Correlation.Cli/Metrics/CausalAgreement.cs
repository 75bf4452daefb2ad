namespace Correlation.Cli.Metrics;

/// <summary>
/// How often the alarm types a method joined are linked in the causal graph, against chance.
/// </summary>
/// <param name="JoinedPairs">Alarm pairs joined in one incident whose alarm types differ.</param>
/// <param name="JoinedCausalPairs">Of those, pairs whose two types are an edge of the causal graph, in either direction.</param>
/// <param name="AllPairs">All alarm pairs of the storm whose types differ, joined or not.</param>
/// <param name="AllCausalPairs">Of those, pairs whose types are a causal edge.</param>
public sealed record CausalAgreement(long JoinedPairs, long JoinedCausalPairs, long AllPairs, long AllCausalPairs)
{
    public double? JoinedFraction => JoinedPairs == 0 ? null : (double)JoinedCausalPairs / JoinedPairs;

    /// <summary>The fraction a method would reach by joining alarms blindly.</summary>
    public double? ChanceFraction => AllPairs == 0 ? null : (double)AllCausalPairs / AllPairs;

    /// <summary>Joined fraction over chance: above 1 means the joins follow causality more than chance does.</summary>
    public double? Lift => JoinedFraction is { } joined && ChanceFraction is { } chance && chance > 0 ? joined / chance : null;
}
