using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Engine;

/// <summary>
/// What the decider chose for one alarm, before it is stored: the incident it goes to (null when it
/// opens one, or when it is ignored), the incidents that merge into that one, those it is only linked to
/// as related (the alarm tied them, but one had gone too far to merge), and every candidate's score.
/// </summary>
public sealed record Decision(
    DecisionKind Kind,
    IncidentFacts? Target,
    IReadOnlyList<IncidentFacts> Absorbed,
    IReadOnlyList<CandidateScore> Candidates,
    IReadOnlyList<IncidentFacts>? Related = null);
