using Correlation.Contracts;

namespace Correlation.Console.Tests;

/// <summary>Builds incident events for console tests.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Opened = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static IncidentSnapshot Snapshot(Guid id, long version, string site = "leeds", AlarmSeverity severity = AlarmSeverity.Major,
        IncidentState state = IncidentState.Open, int alarms = 1) =>
        new(id, version, state, $"link_down at {site}", site, severity, alarms, alarms, state == IncidentState.Open ? alarms : 0,
            Opened, Opened.AddSeconds(version));

    public static IncidentTriaged Triaged(Guid id, long version, IncidentPriority priority, string reason) =>
        new(id, version, priority, null, reason, Opened, IncidentCategory.Outage, NoImpact, "leeds", "north", [], false);

    public static readonly IncidentImpact NoImpact = new([], [], [], [], [], []);

    public static Alarm Alarm(string site = "leeds", string resource = "sw1") =>
        new(Guid.NewGuid(), Guid.NewGuid().ToString("N"), resource + "/link_down", SourceKind.Generic, "test", resource, site, null,
            "link_down", AlarmSeverity.Major, AlarmStatus.Raised, "down", new Dictionary<string, string>(), new Dictionary<string, string>(),
            Opened, Opened);
}
