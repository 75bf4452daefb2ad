using Correlation.Contracts;

namespace Correlation.Correlator.Live;

/// <summary>
/// What storing a decision in Redis did: whether the incident was opened, updated or reopened (or the
/// alarm was a redelivery of one already applied), its snapshot after the change, and the snapshots of
/// the incidents merged into it.
/// </summary>
public sealed record LiveCommit(
    LiveOutcome Outcome,
    IncidentSnapshot? Incident,
    IReadOnlyList<IncidentSnapshot> Absorbed);

public enum LiveOutcome
{
    Opened,
    Updated,
    Reopened,
    Duplicate,
    Ignored,
}
