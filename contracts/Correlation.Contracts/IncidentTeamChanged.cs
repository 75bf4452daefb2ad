namespace Correlation.Contracts;

/// <summary>
/// An incident's team was formed or changed: from the team template <paramref name="Template"/> (chosen by
/// the category), filled from the on-call roster. <paramref name="Members"/> is the whole history, including
/// people who handed over at the end of their shift (their LeftAt set); <paramref name="Joined"/> and
/// <paramref name="Left"/> are this change; <paramref name="Unfilled"/> are functions nobody is on call for.
/// </summary>
public sealed record IncidentTeamChanged(
    Guid IncidentId,
    string Template,
    IReadOnlyList<TeamMember> Members,
    IReadOnlyList<TeamMember> Joined,
    IReadOnlyList<TeamMember> Left,
    IReadOnlyList<string> Unfilled,
    string Reason,
    DateTimeOffset At);
