namespace Correlation.Contracts;

/// <summary>
/// Triage's action plan for an incident: the checklist (from the template for its category, with the
/// changes people made) and the similar past incidents with their root causes. Published when the plan is
/// first made, when the category changes the template, and after every checklist change.
/// <paramref name="Revision"/> counts the plans published for the incident (1 for the first), so that a consumer
/// keeps the newest checklist when two changes land in the same instant or arrive out of order.
/// </summary>
public sealed record IncidentActionPlanned(
    Guid IncidentId,
    IncidentCategory Category,
    string Template,
    IReadOnlyList<ChecklistItem> Checklist,
    IReadOnlyList<SimilarIncident> Similar,
    DateTimeOffset At,
    long Revision = 0);
