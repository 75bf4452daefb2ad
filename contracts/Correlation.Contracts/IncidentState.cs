namespace Correlation.Contracts;

/// <summary>Where an incident is in its life.</summary>
public enum IncidentState
{
    Open = 1,
    Resolved = 2,

    /// <summary>Found to be the same fault as another incident and merged into it.</summary>
    Merged = 3,
}
