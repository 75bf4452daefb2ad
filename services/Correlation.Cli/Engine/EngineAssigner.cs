using Correlation.Cli.Baselines;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Cli.Engine;

/// <summary>The correlation engine itself, replayed over a storm with the network it ran on.</summary>
public sealed class EngineAssigner(NetworkTopology topology, ScoringOptions options, TypeAffinity? affinity = null) : IIncidentAssigner
{
    public string Name => "engine";

    public IIncidentAssignment Start() => new Run(new OfflineCorrelator(topology, options, affinity));

    private sealed class Run(OfflineCorrelator engine) : IIncidentAssignment, IMergingAssignment
    {
        public ValueTask<string> AssignAsync(Alarm alarm, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(engine.Correlate(alarm).IncidentId ?? "ignored-" + alarm.Id.ToString("N"));

        public string FinalIncidentOf(string incidentId) => engine.FinalIncidentOf(incidentId);
    }
}
