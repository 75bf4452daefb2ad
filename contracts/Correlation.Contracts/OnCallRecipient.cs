namespace Correlation.Contracts;

/// <summary>
/// A person the on-call roster put behind a function ("incident-coordinator") at routing time, and the
/// shift that made them on call.
/// </summary>
public sealed record OnCallRecipient(string Function, string PersonId, string Name, string? Shift);
