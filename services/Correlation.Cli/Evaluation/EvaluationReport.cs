using Correlation.Cli.Metrics;
using Correlation.Correlator.Evaluation;

namespace Correlation.Cli.Evaluation;

/// <summary>
/// The figures of one method on one storm; agreement and proxies are null where they cannot be measured.
/// <see cref="Assignment"/> is the incident of each alarm, in storm order, for breakdowns and error analysis.
/// </summary>
public sealed record MethodResult(
    string Method,
    IncidentStatistics Incidents,
    PairwiseAgreement? Agreement,
    TopologyAgreement? Topology,
    CausalAgreement? Causal,
    TimeSpan Elapsed,
    IReadOnlyList<string>? Assignment = null);

/// <summary>Every method's figures on one storm, with what the storm itself gives to compare them against.</summary>
/// <param name="Truth">Incident figures of the truth grouping, when the storm is labelled.</param>
/// <param name="TopologyChance">The two-hop share over every cross-device pair of the storm, when the topology is known.</param>
public sealed record EvaluationReport(
    EvaluationInput Input,
    IncidentStatistics? Truth,
    TopologyAgreement? TopologyChance,
    IReadOnlyList<MethodResult> Methods)
{
    public bool HasTruth => Input.Truth is not null;

    public bool HasKnowledge => Input.Knowledge is not null;
}
