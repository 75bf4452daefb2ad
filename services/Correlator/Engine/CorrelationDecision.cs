using Correlation.Correlator.Scoring;

namespace Correlation.Correlator.Engine;

public enum DecisionKind
{
    /// <summary>No incident near enough: the alarm opened one.</summary>
    Opened,

    /// <summary>The alarm joined the best-scoring incident.</summary>
    Joined,

    /// <summary>The alarm repeats or clears a condition an incident already holds.</summary>
    Repeat,

    /// <summary>The alarm tied several incidents strongly: they were merged and it joined the survivor.</summary>
    Merged,

    /// <summary>A clear of a condition that no open incident holds: nothing to change.</summary>
    Ignored,
}

/// <summary>One candidate incident and how the alarm scored against it.</summary>
public sealed record CandidateScore(string IncidentId, ScoreBreakdown Score);

/// <summary>
/// Why an alarm went where it went: every candidate considered with each score component, the
/// threshold, the decision, the incidents merged into the one it joined, and how many times it was
/// decided (the live correlator decides a batch again when another decision changed its view first).
/// </summary>
public sealed record CorrelationDecision(
    DecisionKind Kind,
    string? IncidentId,
    IReadOnlyList<CandidateScore> Candidates,
    IReadOnlyList<string> MergedIncidents,
    double JoinThreshold,
    int Attempts = 1,
    IReadOnlyList<string>? Related = null);
