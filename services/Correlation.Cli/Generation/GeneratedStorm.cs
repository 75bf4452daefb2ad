using Correlation.Cli.Storms;
using Correlation.Ingest.Replay;
using Correlation.Topology;

namespace Correlation.Cli.Generation;

/// <summary>A generated network, the storm on it in time order with its truth groups, and what it is made of.</summary>
public sealed record GeneratedStorm(
    NetworkTopology Network,
    IReadOnlyList<StormAlarm> Alarms,
    IReadOnlyList<GeneratedFault> Faults)
{
    public int Groups => Faults.Count;
}

/// <summary>One true incident of a generated storm.</summary>
public sealed record GeneratedFault(string Group, string Shape, string Where, int Alarms);
