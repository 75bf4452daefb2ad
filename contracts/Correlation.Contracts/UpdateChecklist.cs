namespace Correlation.Contracts;

/// <summary>
/// Tick, untick or drop the item <paramref name="ItemId"/> of an incident's checklist, or add an item with
/// <paramref name="Text"/> (ItemId is then ignored).
/// </summary>
public sealed record UpdateChecklist(Guid IncidentId, ChecklistChange Change, string? ItemId, string? Text, string By, DateTimeOffset At);
