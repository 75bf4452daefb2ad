using Correlation.Contracts;

namespace Correlation.Console.Tests;

/// <summary>Builds incident events for console tests.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Opened = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static IncidentSnapshot Snapshot(Guid id, long version, string site = "leeds", AlarmSeverity severity = AlarmSeverity.Major,
        IncidentState state = IncidentState.Open, int alarms = 1, int? active = null, string? probableCause = null) =>
        new(id, version, state, $"link_down at {site}", site, severity, alarms, alarms, active ?? (state == IncidentState.Open ? alarms : 0),
            Opened, Opened.AddSeconds(version), probableCause);

    public static IncidentTriaged Triaged(Guid id, long version, IncidentPriority priority, string reason,
        IncidentPriority? previous = null, IReadOnlyList<string>? teams = null, IReadOnlyList<string>? services = null) =>
        new(id, version, priority, previous, reason, Opened.AddSeconds(version), IncidentCategory.Outage,
            NoImpact with { Services = services ?? [] }, "leeds", "north", teams ?? [], false);

    public static IncidentRouted Routed(Guid id, long version, IncidentPriority priority, params string[] destinations) =>
        new(id, version, priority, destinations, $"{priority} rule", Opened.AddSeconds(version), [], [], false, null);

    public static readonly IncidentImpact NoImpact = new([], [], [], [], [], []);

    public static Alarm Alarm(string site = "leeds", string resource = "sw1", AlarmStatus status = AlarmStatus.Raised, string? service = null,
        DateTimeOffset? receivedAt = null) =>
        new(Guid.NewGuid(), Guid.NewGuid().ToString("N"), resource + "/link_down", SourceKind.Generic, "test", resource, site, service,
            "link_down", AlarmSeverity.Major, status, "down", new Dictionary<string, string>(), new Dictionary<string, string>(),
            Opened, receivedAt ?? Opened);
}
