using Correlation.Topology;

namespace Correlation.Triage.Impact;

/// <summary>
/// The network triage reads: the CMDB in force when one is configured (reloaded with it), otherwise an empty
/// topology, with which incidents are classified from their alarms alone.
/// </summary>
public sealed class TriageTopology
{
    private readonly TopologyProvider? _provider;
    private readonly NetworkTopology _fixed;

    public TriageTopology(TopologyProvider? provider)
    {
        _provider = provider;
        _fixed = NetworkTopology.Empty;
    }

    public TriageTopology(NetworkTopology topology)
    {
        _fixed = topology;
    }

    public NetworkTopology Current => _provider?.Current ?? _fixed;
}
