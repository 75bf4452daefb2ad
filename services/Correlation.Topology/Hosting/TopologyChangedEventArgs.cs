namespace Correlation.Topology;

public sealed class TopologyChangedEventArgs(TopologySnapshot previous, TopologySnapshot current) : EventArgs
{
    public TopologySnapshot Previous { get; } = previous;

    public TopologySnapshot Current { get; } = current;
}
