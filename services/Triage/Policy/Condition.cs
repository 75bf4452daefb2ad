using System.Globalization;
using Correlation.Contracts;
using Correlation.Topology;
using Correlation.Triage.Impact;

namespace Correlation.Triage.Policy;

/// <summary>Redundancy as a rule asks about it: some group has lost a member but still carries traffic, or some group is wholly down.</summary>
public enum RedundancyState
{
    Degraded = 1,
    Exhausted = 2,
}

/// <summary>A time-of-day window in the policy's time zone; one that ends before it starts runs past midnight.</summary>
public readonly record struct TimeOfDayRange(TimeOnly From, TimeOnly To)
{
    public bool Contains(TimeOnly time) => From <= To ? time >= From && time < To : time >= From || time < To;

    public override string ToString() => $"{From:HH\\:mm}-{To:HH\\:mm}";
}

/// <summary>
/// When a rule applies. Every condition given must hold (an empty condition always holds); within a list,
/// any one entry is enough. <see cref="Match"/> says in words what held, for the priority's reason.
/// </summary>
public sealed record Condition
{
    public static Condition Always { get; } = new();

    public IReadOnlySet<IncidentCategory>? Categories { get; init; }

    /// <summary>The most critical affected service is at least this critical.</summary>
    public Criticality? MinCriticality { get; init; }

    /// <summary>The worst raised member alarm is at least this severe.</summary>
    public AlarmSeverity? MinSeverity { get; init; }

    /// <summary>Some site has lost every device (failed or cut off), or none has.</summary>
    public bool? SiteIsolated { get; init; }

    public RedundancyState? Redundancy { get; init; }

    public int? MinCutOffDevices { get; init; }

    /// <summary>A raised member alarm has one of these types.</summary>
    public IReadOnlySet<string>? AlarmTypes { get; init; }

    public IReadOnlySet<string>? Services { get; init; }

    public IReadOnlySet<string>? Customers { get; init; }

    public IReadOnlySet<string>? Sites { get; init; }

    /// <summary>A failed element is one of these: a device role ("microwave-radio"), "link" or "link:kind".</summary>
    public IReadOnlySet<string>? Elements { get; init; }

    public IReadOnlySet<DayOfWeek>? Days { get; init; }

    public TimeOfDayRange? Hours { get; init; }

    /// <summary>Today (in the policy's time zone) is in this business calendar.</summary>
    public string? Calendar { get; init; }

    /// <summary>What held, one phrase per condition, or null when some condition does not hold.</summary>
    public IReadOnlyList<string>? Match(Assessment assessment, DateTimeOffset now, TriagePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(policy);
        var held = new List<string>();
        var local = TimeZoneInfo.ConvertTime(now, policy.TimeZone);

        if (Categories is not null)
        {
            if (!Categories.Contains(assessment.Category))
            {
                return null;
            }
            held.Add(Name(assessment.Category));
        }
        if (MinCriticality is { } criticality)
        {
            if (assessment.TopService is not { } top || top.Criticality < criticality)
            {
                return null;
            }
            held.Add($"{CmdbNames.Of(top.Criticality)} service {top.Id}");
        }
        if (MinSeverity is { } severity)
        {
            if (assessment.TopSeverity is not { } worst || worst < severity)
            {
                return null;
            }
            held.Add($"{worst.ToString().ToLowerInvariant()} alarm");
        }
        if (SiteIsolated is { } isolated)
        {
            if (isolated != assessment.IsolatedSites.Count > 0)
            {
                return null;
            }
            held.Add(isolated ? $"site {string.Join(", ", assessment.IsolatedSites)} isolated" : "no site isolated");
        }
        if (Redundancy is { } redundancy)
        {
            var groups = redundancy == RedundancyState.Exhausted
                ? assessment.Impact.ExhaustedRedundancyGroups
                : assessment.Impact.DegradedRedundancyGroups;
            if (groups.Count == 0)
            {
                return null;
            }
            held.Add($"redundancy {(redundancy == RedundancyState.Exhausted ? "exhausted" : "degraded")} in {string.Join(", ", groups)}");
        }
        if (MinCutOffDevices is { } cutOff)
        {
            if (assessment.Impact.CutOffDevices.Count < cutOff)
            {
                return null;
            }
            held.Add($"{assessment.Impact.CutOffDevices.Count} devices cut off");
        }
        if (!Any(AlarmTypes, assessment.ActiveTypes, "alarm type", held)
            || !Any(Services, assessment.Impact.Services, "service", held)
            || !Any(Customers, assessment.Impact.Customers, "customer", held)
            || !Any(Sites, assessment.Sites, "site", held)
            || !Any(Elements, assessment.Elements, "failed", held))
        {
            return null;
        }
        if (Days is not null)
        {
            if (!Days.Contains(local.DayOfWeek))
            {
                return null;
            }
            held.Add(local.DayOfWeek.ToString());
        }
        if (Hours is { } hours)
        {
            var time = TimeOnly.FromDateTime(local.DateTime);
            if (!hours.Contains(time))
            {
                return null;
            }
            held.Add($"{time.ToString("HH:mm", CultureInfo.InvariantCulture)} {policy.TimeZone.Id} within {hours}");
        }
        if (Calendar is not null)
        {
            var date = DateOnly.FromDateTime(local.DateTime);
            if (!policy.Calendars.TryGetValue(Calendar, out var calendar) || !calendar.Contains(date))
            {
                return null;
            }
            held.Add($"{date.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture)} is in calendar {calendar.Name}");
        }
        return held;
    }

    public static string Name(IncidentCategory category) => category.ToString().ToLowerInvariant();

    private static bool Any(IReadOnlySet<string>? wanted, IEnumerable<string> present, string what, List<string> held)
    {
        if (wanted is null)
        {
            return true;
        }
        var found = present.Where(wanted.Contains).ToList();
        if (found.Count == 0)
        {
            return false;
        }
        held.Add($"{what} {string.Join(", ", found)}");
        return true;
    }
}
