namespace Correlation.Contracts;

/// <summary>
/// Triage's action plan for an incident: the checklist (from the template for its category, with the
/// changes people made) and the similar past incidents with their root causes. Published when the plan is
/// first made, when the category changes the template, and after every checklist change.
/// </summary>
public sealed record IncidentActionPlanned(
    Guid IncidentId,
    IncidentCategory Category,
    string Template,
    IReadOnlyList<ChecklistItem> Checklist,
    IReadOnlyList<SimilarIncident> Similar,
    DateTimeOffset At);
