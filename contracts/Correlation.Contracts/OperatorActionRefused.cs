namespace Correlation.Contracts;

/// <summary>
/// The correlator could not carry out an operator's command (<paramref name="Command"/> is its message type
/// name): the incident is unknown or merged away, members still fire for an unforced resolve, a fingerprint is
/// not a member. <paramref name="Reason"/> says which, for the operator.
/// </summary>
public sealed record OperatorActionRefused(Guid IncidentId, string Command, string By, string Reason, DateTimeOffset At);
