namespace Correlation.Contracts;

/// <summary>
/// An operator found several incidents to be one fault: merge <paramref name="SourceIncidentIds"/> into
/// <paramref name="TargetIncidentId"/>. The correlator answers with <see cref="IncidentMerged"/> and records
/// the merge as "missed merge" feedback.
/// </summary>
public sealed record MergeIncidents(Guid TargetIncidentId, IReadOnlyList<Guid> SourceIncidentIds, string By, string? Reason, DateTimeOffset At);
