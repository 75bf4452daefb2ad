namespace Correlation.Contracts;

/// <summary>
/// A window that comes back: on each of <paramref name="Days"/> (every day when empty), starting at
/// <paramref name="StartTime"/> local time in <paramref name="TimeZone"/> (an IANA id such as
/// "Europe/London") and lasting <paramref name="Duration"/>.
/// </summary>
public sealed record MaintenanceRecurrence(string TimeZone, IReadOnlyList<DayOfWeek> Days, TimeSpan StartTime, TimeSpan Duration);
