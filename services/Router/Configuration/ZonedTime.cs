namespace Correlation.Router.Configuration;

/// <summary>Local wall-clock times in a time zone, turned into instants the way people mean them across DST changes.</summary>
public static class ZonedTime
{
    /// <summary>
    /// The instant of <paramref name="local"/> in <paramref name="zone"/>. A time skipped by the spring change
    /// (02:30 on the night clocks go forward) is taken as the same wall time after the gap; a time that occurs
    /// twice in autumn is taken at its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var before = zone.GetUtcOffset(local.AddHours(-3));
            var after = zone.GetUtcOffset(local.AddHours(3));
            return new DateTimeOffset(local + (after - before), after);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>
    /// Occurrences of a daily pattern (on <paramref name="days"/>, every day when empty, from
    /// <paramref name="start"/> local time, lasting until <paramref name="end"/> of the local day given by
    /// <paramref name="endOf"/>) that contain <paramref name="at"/>: (start, end) instants.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? OccurrenceAt(
        DateTimeOffset at, TimeZoneInfo zone, IReadOnlyCollection<DayOfWeek> days, TimeSpan start, Func<DateTime, DateTimeOffset, DateTimeOffset> endOf, int lookBackDays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(endOf);
        var today = TimeZoneInfo.ConvertTime(at, zone).Date;
        for (var back = 0; back <= lookBackDays; back++)
        {
            var date = today.AddDays(-back);
            if (days.Count > 0 && !days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var from = ToInstant(date + start, zone);
            var to = endOf(date, from);
            if (from <= at && at < to)
            {
                return (from, to);
            }
        }

        return null;
    }
}
