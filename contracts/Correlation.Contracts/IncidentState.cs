namespace Correlation.Contracts;

/// <summary>Where an incident is in its life.</summary>
public enum IncidentState
{
    Open = 1,
    Resolved = 2,
}
