namespace Correlation.Contracts;

/// <summary>Someone added a note to an incident: work is happening on it.</summary>
public sealed record IncidentNoteAdded(Guid IncidentId, string By, string Text, DateTimeOffset At);
