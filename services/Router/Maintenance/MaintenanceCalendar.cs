using Correlation.Contracts;
using Correlation.Router.Configuration;

namespace Correlation.Router.Maintenance;

/// <summary>An occurrence of a maintenance window that is open now, from <paramref name="Start"/> to <paramref name="End"/>.</summary>
public sealed record ActiveWindow(MaintenanceWindow Window, DateTimeOffset Start, DateTimeOffset End)
{
    public MaintenanceWindowMatch ToMatch() => new(Window.Id, Window.Name, Window.ChangeReference, End);
}

/// <summary>Which maintenance windows, configured or scheduled by command, are open at a moment.</summary>
public sealed class MaintenanceCalendar(RoutingConfig config, MaintenanceStore store)
{
    public async Task<IReadOnlyList<ActiveWindow>> ActiveAsync(DateTimeOffset at)
    {
        var (scheduled, cancelled) = await store.ReadAsync();
        var overridden = scheduled.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        return [.. config.Maintenance.Where(w => !overridden.Contains(w.Id) && !cancelled.Contains(w.Id))
            .Concat(scheduled)
            .Select(w => Occurrence(w, at))
            .OfType<ActiveWindow>()];
    }

    /// <summary>The occurrence of <paramref name="window"/> open at <paramref name="at"/>, if any.</summary>
    public static ActiveWindow? Occurrence(MaintenanceWindow window, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(window);
        if ((window.StartsAt is { } from && at < from) || (window.EndsAt is { } until && at >= until))
        {
            return null;
        }

        if (window.Recurrence is not { } recurrence)
        {
            return window.StartsAt is { } s && window.EndsAt is { } e ? new ActiveWindow(window, s, e) : null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(recurrence.TimeZone, out var zone) || recurrence.Duration <= TimeSpan.Zero)
        {
            return null;
        }

        var occurrence = ZonedTime.OccurrenceAt(at, zone, recurrence.Days, recurrence.StartTime,
            (_, start) => start + recurrence.Duration, lookBackDays: (int)Math.Ceiling(recurrence.Duration.TotalDays) + 1);
        if (occurrence is not { } o)
        {
            return null;
        }

        var end = window.EndsAt is { } last && last < o.End ? last : o.End;
        return new ActiveWindow(window, o.Start, end);
    }

    /// <summary>Checks a window sent by command; null when it is usable, else why not.</summary>
    public static string? Problem(MaintenanceWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (string.IsNullOrWhiteSpace(window.Id))
        {
            return "the window has no id";
        }

        if (window.Scope is null || window.Scope.Sites.Count + window.Scope.Devices.Count + window.Scope.Services.Count == 0)
        {
            return "the window's scope names no site, device or service";
        }

        if (window.Recurrence is { } r)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(r.TimeZone, out _))
            {
                return $"'{r.TimeZone}' is not a known time zone";
            }

            if (r.Duration <= TimeSpan.Zero || r.Duration > TimeSpan.FromDays(7) || r.StartTime < TimeSpan.Zero || r.StartTime >= TimeSpan.FromDays(1))
            {
                return "the recurrence needs a start time within the day and a duration between 1s and 7d";
            }
        }
        else if (window.StartsAt is null || window.EndsAt is null)
        {
            return "a one-shot window needs StartsAt and EndsAt";
        }

        return window.StartsAt is { } s && window.EndsAt is { } e && e <= s ? "the window ends before it starts" : null;
    }
}
