using Correlation.Contracts;

namespace Correlation.Triage.Planning;

/// <summary>
/// An incident's action plan as triage keeps it: the template its checklist came from, the checklist with
/// people's changes, the similar incidents found when it was made, and the number the next added item takes
/// (so a dropped item's id is never given to another).
/// </summary>
public sealed record PlanState(
    string Template,
    IncidentCategory Category,
    IReadOnlyList<ChecklistItem> Checklist,
    IReadOnlyList<SimilarIncident> Similar,
    int NextAdded,
    DateTimeOffset At)
{
    public IncidentActionPlanned ToEvent(Guid incidentId, long revision) =>
        new(incidentId, Category, Template, Checklist, Similar, At, revision);
}
