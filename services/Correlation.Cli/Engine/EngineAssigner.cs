using Correlation.Cli.Baselines;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Cli.Engine;

/// <summary>
/// The correlation engine itself, replayed over a storm with the network it ran on. The decision record
/// of every alarm of the last run (candidates with their score components) is kept for error analysis.
/// </summary>
public sealed class EngineAssigner(NetworkTopology topology, ScoringOptions options, Learned? learned = null, string name = "engine") : IIncidentAssigner
{
    private List<CorrelationDecision> _decisions = [];

    public string Name => name;

    /// <summary>The decision of each alarm of the last run, in the order the alarms were assigned.</summary>
    public IReadOnlyList<CorrelationDecision> Decisions => _decisions;

    public IIncidentAssignment Start()
    {
        _decisions = [];
        return new Run(new OfflineCorrelator(topology, options, learned), _decisions);
    }

    private sealed class Run(OfflineCorrelator engine, List<CorrelationDecision> decisions) : IIncidentAssignment, IMergingAssignment
    {
        public ValueTask<string> AssignAsync(Alarm alarm, CancellationToken cancellationToken = default)
        {
            var decision = engine.Correlate(alarm);
            decisions.Add(decision);
            return ValueTask.FromResult(decision.IncidentId ?? "ignored-" + alarm.Id.ToString("N"));
        }

        public string FinalIncidentOf(string incidentId) => engine.FinalIncidentOf(incidentId);
    }
}
