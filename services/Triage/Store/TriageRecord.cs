using Correlation.Contracts;
using Correlation.Triage.Impact;
using Correlation.Triage.Planning;
using Correlation.Triage.Priority;

namespace Correlation.Triage.Store;

/// <summary>
/// Everything triage keeps about one incident: the projection, an operator's watch, the last decision and
/// action plan with their revisions, and whether each was published.
/// </summary>
public sealed record TriageRecord(
    IncidentProjection? Projection,
    Guid? MergedInto,
    OperatorWatch? Watch,
    long Revision,
    IncidentTriaged? Decision,
    bool DecisionSent,
    long PlanRevision,
    PlanState? Plan,
    bool PlanSent)
{
    /// <summary>Open and not merged away (a merged incident's late events may still carry state Open).</summary>
    public bool IsOpen => MergedInto is null && Projection?.Incident.State == IncidentState.Open;
}
