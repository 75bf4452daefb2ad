namespace Correlation.Contracts;

/// <summary>
/// A person who filled a function in an incident's team: from <paramref name="JoinedAt"/> until
/// <paramref name="LeftAt"/> (null while still on it), through the roster shift named.
/// </summary>
public sealed record TeamMember(string Function, string PersonId, string Name, string? Shift, DateTimeOffset JoinedAt, DateTimeOffset? LeftAt);
