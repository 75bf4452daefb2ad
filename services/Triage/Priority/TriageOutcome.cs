using Correlation.Contracts;

namespace Correlation.Triage.Priority;

/// <summary>
/// What a change to an incident makes triage say: decisions and plans to publish. They are stored (unsent)
/// before they are returned; <see cref="IncidentTriager.ConfirmAsync"/> marks them sent once published, and
/// one the broker never took is published again with the incident's next event.
/// </summary>
public sealed record TriageOutcome(IReadOnlyList<IncidentTriaged> Triaged, IReadOnlyList<IncidentActionPlanned> Planned)
{
    public static TriageOutcome None { get; } = new([], []);

    public bool IsEmpty => Triaged.Count == 0 && Planned.Count == 0;
}
