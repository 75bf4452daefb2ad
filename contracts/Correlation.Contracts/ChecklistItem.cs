namespace Correlation.Contracts;

/// <summary>One step of an incident's action plan; <paramref name="DoneBy"/> and <paramref name="DoneAt"/> are set when ticked.</summary>
public sealed record ChecklistItem(string Id, string Text, bool Done, string? DoneBy, DateTimeOffset? DoneAt);
