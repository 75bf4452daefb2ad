using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Cli.Baselines;

/// <summary>
/// OpenNMS ALEC's DBSCAN clustering as a baseline: the distance between two alarms is
/// alpha * (beta * minutes apart + (1 - beta) * hops between their devices), and with one point per
/// cluster DBSCAN joins every pair closer than epsilon, so clusters are the connected components of
/// that relation (single linkage). ALEC's defaults are epsilon 100, alpha 144.47, beta 0.5526.
/// Simplifications: hops are counted between devices of our CMDB, where ALEC's inventory graph may hold
/// more vertices (ports, cards) between two boxes; ALEC reclusters on a 30-second tick, here clusters
/// are the final components of the whole storm; alarms on unknown resources relate only to alarms on
/// the same resource.
/// </summary>
public sealed class AlecStyleAssigner(NetworkTopology topology, double epsilon = 100, double alpha = 144.47117699, double beta = 0.55257784)
    : IIncidentAssigner
{
    public string Name => "alec dbscan";

    public IIncidentAssignment Start() => new Run(topology, epsilon, alpha, beta);

    private sealed class Run(NetworkTopology topology, double epsilon, double alpha, double beta) : IIncidentAssignment, IMergingAssignment
    {
        // Two alarms further apart in time than this cannot be within epsilon, even on one device.
        private readonly TimeSpan _reach = TimeSpan.FromMinutes(epsilon / (alpha * beta));
        private readonly List<(DateTimeOffset Time, string Place, bool Known, int Node)> _recent = [];
        private readonly List<int> _parent = [];
        private int _start;

        public ValueTask<string> AssignAsync(Alarm alarm, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(alarm);
            var device = topology.Resolve(alarm.Resource);
            var place = device?.Id ?? alarm.Resource;
            var node = _parent.Count;
            _parent.Add(node);

            while (_start < _recent.Count && alarm.ObservedAt - _recent[_start].Time > _reach)
            {
                _start++;
            }

            for (var i = _start; i < _recent.Count; i++)
            {
                var other = _recent[i];
                var hops = string.Equals(other.Place, place, StringComparison.OrdinalIgnoreCase) ? 0
                    : device is not null && other.Known ? topology.HopDistance(place, other.Place)
                    : null;
                if (hops is null)
                {
                    continue;
                }

                var minutes = (alarm.ObservedAt - other.Time).TotalMinutes;
                if (alpha * ((beta * minutes) + ((1 - beta) * hops.Value)) <= epsilon)
                {
                    Union(node, other.Node);
                }
            }

            _recent.Add((alarm.ObservedAt, place, device is not null, node));
            if (_start > 4096)
            {
                _recent.RemoveRange(0, _start);
                _start = 0;
            }

            return ValueTask.FromResult(Label(node));
        }

        public string FinalIncidentOf(string incidentId) => Label(Find(int.Parse(incidentId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)));

        private static string Label(int node) => "c" + node.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private int Find(int node)
        {
            while (_parent[node] != node)
            {
                _parent[node] = _parent[_parent[node]];
                node = _parent[node];
            }

            return node;
        }

        private void Union(int a, int b)
        {
            var rootA = Find(a);
            var rootB = Find(b);
            if (rootA != rootB)
            {
                _parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
            }
        }
    }
}
