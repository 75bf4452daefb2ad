using Correlation.Contracts;

namespace Correlation.Console.Projection;

/// <summary>Which incidents a list asks for; every criterion given must hold. Names compare without case.</summary>
public sealed record IncidentFilter(
    IncidentState? State = null,
    IReadOnlyList<IncidentPriority>? Priorities = null,
    string? Site = null,
    string? Service = null,
    string? Team = null,
    DateTimeOffset? OpenedAfter = null,
    DateTimeOffset? OpenedBefore = null)
{
    public bool Matches(IncidentView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return (State is null || view.State == State)
            && (Priorities is null || Priorities.Count == 0 || (view.Priority is { } p && Priorities.Contains(p)))
            && (Site is null || string.Equals(view.Site, Site, StringComparison.OrdinalIgnoreCase))
            && (Service is null || view.Services.Contains(Service, StringComparer.OrdinalIgnoreCase))
            && (Team is null || view.Teams.Contains(Team, StringComparer.OrdinalIgnoreCase)
                || view.Destinations.Any(d => string.Equals(d, "team:" + Team, StringComparison.OrdinalIgnoreCase)));
    }
}
