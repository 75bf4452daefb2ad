using Correlation.Contracts;

namespace Correlation.Router.Tests;

/// <summary>Incident events and triage decisions as the correlator and triage send them.</summary>
internal static class Messages
{
    public static Alarm Alarm(string resource, string? site, DateTimeOffset at, AlarmStatus status = AlarmStatus.Raised, string? service = null) =>
        new(Guid.NewGuid(), Guid.NewGuid().ToString("N"), resource + "/link_down", SourceKind.Generic, "test", resource, site, service, "link_down",
            AlarmSeverity.Major, status, $"{resource} link down", new Dictionary<string, string>(), new Dictionary<string, string>(), at, at);

    public static IncidentSnapshot Snapshot(Guid id, long version, int members, DateTimeOffset opened, DateTimeOffset at,
        IncidentState state = IncidentState.Open, string? site = "leeds", int? active = null) =>
        new(id, version, state, $"Link failures at {site}", site, AlarmSeverity.Major, members, members, active ?? (state == IncidentState.Open ? members : 0), opened, at);

    public static IncidentOpened Opened(Guid id, string resource, string? site, DateTimeOffset at) =>
        new(Snapshot(id, 1, 1, at, at, site: site), Alarm(resource, site, at));

    public static IncidentUpdated Updated(Guid id, long version, int members, string resource, string? site, DateTimeOffset opened, DateTimeOffset at) =>
        new(Snapshot(id, version, members, opened, at, site: site), Alarm(resource, site, at));

    public static IncidentResolved Resolved(Guid id, long version, int members, string resource, string? site, DateTimeOffset opened, DateTimeOffset at) =>
        new(Snapshot(id, version, members, opened, at, IncidentState.Resolved, site), Alarm(resource, site, at, AlarmStatus.Cleared));

    public static IncidentTriaged Triaged(Guid id, long version, IncidentPriority priority, DateTimeOffset at,
        IncidentCategory category = IncidentCategory.Outage, string? site = "leeds", string? region = "north",
        IReadOnlyList<string>? services = null, IReadOnlyList<string>? teams = null, bool watched = false, IReadOnlyList<string>? failed = null) =>
        new(id, version, priority, null, $"{priority} because", at, category,
            new IncidentImpact(failed ?? [], services ?? [], [], [], [], []), site, region, teams ?? [], watched);
}
