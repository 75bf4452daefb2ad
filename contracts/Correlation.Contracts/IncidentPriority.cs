namespace Correlation.Contracts;

/// <summary>NOC priority: P1 critical outage down to P4 informational.</summary>
public enum IncidentPriority
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}
