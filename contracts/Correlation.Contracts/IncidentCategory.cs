namespace Correlation.Contracts;

/// <summary>What an incident means for the business, as triage classified it.</summary>
public enum IncidentCategory
{
    /// <summary>Something people need no longer works: a service or site has lost its last path or element.</summary>
    Outage = 1,

    /// <summary>Service continues but worse: degraded performance, or running on its spare with redundancy lost.</summary>
    Impairment = 2,

    /// <summary>Nothing anyone uses is affected (a config change, a warning, expected maintenance work).</summary>
    Informational = 3,
}
