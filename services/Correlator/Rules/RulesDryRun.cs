using Correlation.Correlator.Engine;
using Correlation.Correlator.Evaluation;
using Correlation.Correlator.Scoring;
using Correlation.Ingest.Replay;
using Correlation.Topology;

namespace Correlation.Correlator.Rules;

/// <summary>What one rule set made of a recorded storm.</summary>
/// <param name="Agreement">Pairwise precision, recall, F1 and ARI against the storm's truth groups; null when it has none.</param>
public sealed record DryRunFigures(string Rules, string Version, int Alarms, int Incidents, double Compression, int Largest, double MeanSize,
    PairwiseAgreement? Agreement);

/// <summary>
/// Replays a recorded storm through the engine offline (in memory, nothing touches the live window) once with
/// the rules in use and once with candidate rules, so that the two evaluations can be read side by side before
/// the candidate is activated. The same engine as the live correlator; the same figures as `correlation evaluate`.
/// </summary>
public static class RulesDryRun
{
    public static (DryRunFigures Active, DryRunFigures Candidate) Run(Storm storm, NetworkTopology topology, RuleSet active, ScoringOptions candidate,
        Learned learned)
    {
        ArgumentNullException.ThrowIfNull(storm);
        ArgumentNullException.ThrowIfNull(active);
        return (Replay(storm, topology, "active", active.Version, active.Options, learned),
            Replay(storm, topology, "candidate", ScoringRules.Version(candidate), candidate, learned));
    }

    public static DryRunFigures Replay(Storm storm, NetworkTopology topology, string name, string version, ScoringOptions options, Learned learned)
    {
        ArgumentNullException.ThrowIfNull(storm);
        var engine = new OfflineCorrelator(topology, options, learned);
        var alarms = storm.AlarmsInOrder();
        var assigned = alarms.Select(a => engine.Correlate(a).IncidentId ?? "ignored-" + a.Id.ToString("N")).ToList();
        var incidents = assigned.Select(engine.FinalIncidentOf).ToList();
        var sizes = incidents.GroupBy(i => i, StringComparer.Ordinal).Select(g => g.Count()).ToList();
        var truth = storm.Truth();
        return new DryRunFigures(name, version, alarms.Count, sizes.Count, alarms.Count == 0 ? 0 : 1 - (double)sizes.Count / alarms.Count,
            sizes.Count == 0 ? 0 : sizes.Max(), sizes.Count == 0 ? 0 : sizes.Average(), truth is null ? null : ClusteringAgreement.Compare(truth, incidents));
    }
}
