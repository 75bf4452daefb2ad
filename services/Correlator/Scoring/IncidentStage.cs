namespace Correlation.Correlator.Scoring;

/// <summary>
/// How far an incident has gone past the correlator: merging it into another changes what people
/// downstream already act on, so past <see cref="ScoringOptions.MergeUntil"/> it is linked as related instead.
/// </summary>
public enum IncidentStage
{
    Opened = 0,
    Triaged = 1,
    Routed = 2,
}
