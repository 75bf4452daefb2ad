using Correlation.Contracts;

namespace Correlation.Triage.Policy;

/// <summary>
/// The triage policy in force: how alarms are read (classification), how priority is set (base rules then
/// adjustments), the business calendars the rules name, the watch list and the checklist templates.
/// Immutable; made by <see cref="PolicyLoader"/> from YAML (the file, or the built-in defaults).
/// </summary>
public sealed record TriagePolicy(
    string Source,
    TimeZoneInfo TimeZone,
    Classification Classification,
    IReadOnlyList<BaseRule> Base,
    IReadOnlyList<Adjustment> Adjustments,
    IReadOnlyDictionary<string, BusinessCalendar> Calendars,
    WatchList Watch,
    IReadOnlyList<ChecklistTemplate> Checklists);

/// <summary>Which alarm types mean a device gone, a link down, or nothing anyone uses.</summary>
/// <param name="ImpairmentMinSeverity">
/// Other alarms at or above this severity degrade their device (impairment); below it they are informational.
/// </param>
public sealed record Classification(
    IReadOnlySet<string> DeviceDownTypes,
    IReadOnlySet<string> LinkDownTypes,
    IReadOnlySet<string> InformationalTypes,
    AlarmSeverity ImpairmentMinSeverity);

/// <summary>The first base rule whose condition holds sets the starting priority.</summary>
public sealed record BaseRule(string Name, Condition When, IncidentPriority Priority);

/// <summary>Every adjustment whose condition holds moves the priority by <paramref name="Levels"/> (positive raises: P3 to P2).</summary>
public sealed record Adjustment(string Name, Condition When, int Levels);

/// <summary>Named days: a date is in the calendar when any of the lists holds it.</summary>
public sealed record BusinessCalendar(
    string Name,
    IReadOnlySet<DateOnly> Dates,
    IReadOnlyList<(DateOnly From, DateOnly To)> Ranges,
    IReadOnlySet<(int Month, int Day)> Annual,
    IReadOnlySet<DayOfWeek> Days)
{
    public bool Contains(DateOnly date) =>
        Dates.Contains(date) || Days.Contains(date.DayOfWeek) || Annual.Contains((date.Month, date.Day))
        || Ranges.Any(r => date >= r.From && date <= r.To);
}

/// <summary>What is on the watch list by configuration, and how far a watched incident rises.</summary>
public sealed record WatchList(
    int Raise,
    IReadOnlySet<string> Customers,
    IReadOnlySet<string> Services,
    IReadOnlySet<string> Sites,
    IReadOnlySet<string> Devices);

/// <summary>
/// A checklist for incidents of <paramref name="Categories"/>; with <paramref name="Elements"/>, only when a
/// failed element is one of them (a device role such as "microwave-radio", or "link" / "link:microwave").
/// </summary>
public sealed record ChecklistTemplate(
    string Name,
    IReadOnlySet<IncidentCategory> Categories,
    IReadOnlySet<string> Elements,
    IReadOnlyList<string> Items);
