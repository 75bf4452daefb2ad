using Correlation.Contracts;

namespace Correlation.Triage.Priority;

/// <summary>
/// The walking skeleton's placeholder policy: priority from the incident's highest severity.
/// Impact from the CMDB, redundancy and business calendars replace it in the triage issue.
/// </summary>
public sealed class PriorityPolicy
{
    public (IncidentPriority Priority, string Reason) Decide(IncidentSnapshot incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var priority = incident.Severity switch
        {
            AlarmSeverity.Critical => IncidentPriority.P1,
            AlarmSeverity.Major => IncidentPriority.P2,
            AlarmSeverity.Minor => IncidentPriority.P3,
            _ => IncidentPriority.P4,
        };
        return (priority, $"highest member severity is {incident.Severity.ToString().ToLowerInvariant()}");
    }
}
