namespace Correlation.Contracts;

/// <summary>
/// Cancel the maintenance window <paramref name="WindowId"/> (scheduled by command or configured): what it
/// held back is routed again at once if it is still failing.
/// </summary>
public sealed record CancelMaintenance(string WindowId, string By, DateTimeOffset At);
