using Correlation.Correlator.Engine;

namespace Correlation.Correlator.Live;

/// <summary>
/// Why one alarm went where it went, as stored with its incident and served by the API: the candidates
/// considered (the best <see cref="LiveCorrelator.CandidatesKept"/>, with how many there were in all)
/// with each score component, the thresholds, the decision, the incidents merged, and the versions of
/// the topology, the rules and the learned models it was decided with, and which correlator (host/process) decided.
/// </summary>
public sealed record Explanation(
    Guid AlarmId,
    string Fingerprint,
    string? IncidentId,
    DecisionKind Decision,
    string Reason,
    double JoinThreshold,
    double MergeThreshold,
    IReadOnlyList<CandidateScore> Candidates,
    int CandidatesConsidered,
    IReadOnlyList<string> Merged,
    IReadOnlyList<string> Related,
    int Attempts,
    long TopologyVersion,
    string RulesVersion,
    IReadOnlyList<string> Models,
    DateTimeOffset DecidedAt,
    string DecidedBy);
