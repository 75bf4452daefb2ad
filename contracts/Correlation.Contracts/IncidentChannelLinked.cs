namespace Correlation.Contracts;

/// <summary>
/// Someone linked a communication channel to an incident: a chat channel, a bridge call or a vendor ticket.
/// <paramref name="Reference"/> is what people use to reach it (a channel name, a URL, a ticket number);
/// linking the same kind and reference again changes only its <paramref name="Label"/>.
/// </summary>
public sealed record IncidentChannelLinked(Guid IncidentId, ChannelKind Kind, string Reference, string? Label, string By, DateTimeOffset At);
