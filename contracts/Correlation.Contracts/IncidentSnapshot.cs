namespace Correlation.Contracts;

/// <summary>
/// The small, current state of an incident that every incident event carries, so that a consumer
/// which sees events out of order keeps the one with the highest <paramref name="Version"/>.
/// Member lists are not here: events carry the alarm that changed the incident, not all of them.
/// <paramref name="ProbableCause"/> names the element the correlator believes failed ("link hull-microwave",
/// "device leeds-asw-03", "site hull"), when it can tell.
/// </summary>
public sealed record IncidentSnapshot(
    Guid IncidentId,
    long Version,
    IncidentState State,
    string Title,
    string? Site,
    AlarmSeverity Severity,
    int AlarmCount,
    int MemberCount,
    int ActiveMemberCount,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    string? ProbableCause = null);
