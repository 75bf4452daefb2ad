using Correlation.Contracts;
using Correlation.Testing;
using Correlation.Topology;
using Correlation.Triage.Impact;
using Correlation.Triage.Policy;

namespace Correlation.Triage.Tests;

/// <summary>Alarms, snapshots and networks for triage tests.</summary>
internal static class Scenario
{
    /// <summary>A Tuesday, 10:00 UTC (and London), outside every calendar of the sample policy.</summary>
    public static readonly DateTimeOffset Weekday = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    public static readonly Lazy<NetworkTopology> SampleCmdb = new(() => CmdbLoader.Load(CmdbPath));

    public static string CmdbPath => Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml");

    public static string SamplePolicyPath => Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "triage.yaml");

    public static Alarm Alarm(string resource, string type, AlarmSeverity severity = AlarmSeverity.Major, string? instance = null,
        bool cleared = false, string? service = null, string? site = null, DateTimeOffset? at = null, string? summary = null)
    {
        var labels = instance is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["instance"] = instance };
        var when = at ?? Weekday;
        return new Alarm(Guid.NewGuid(), Guid.NewGuid().ToString("N"), $"{resource}/{type}/{instance}", SourceKind.Generic, "test", resource, site,
            service, type, severity, cleared ? AlarmStatus.Cleared : AlarmStatus.Raised, summary ?? $"{type} on {resource}",
            labels, new Dictionary<string, string>(), when, when);
    }

    public static IncidentSnapshot Snapshot(Guid id, long version, string title = "incident", string? site = null, string? cause = null,
        IncidentState state = IncidentState.Open, AlarmSeverity severity = AlarmSeverity.Major) =>
        new(id, version, state, title, site, severity, (int)version, (int)version, state == IncidentState.Open ? 1 : 0,
            Weekday, Weekday.AddSeconds(version), cause);

    public static IncidentProjection Projection(string? cause, params Alarm[] alarms) =>
        new(Snapshot(Guid.NewGuid(), alarms.Length, cause: cause), [.. alarms.Select(MemberAlarm.From)]);

    public static Assessment Assess(NetworkTopology topology, string? cause, params Alarm[] alarms) =>
        ImpactAssessor.Assess(Projection(cause, alarms), topology, PolicyLoader.BuiltIn.Classification);

    /// <summary>York's MPLS uplink reported down by the York router.</summary>
    public static Alarm YorkMplsDown(bool cleared = false) => Alarm("york-rtr-01", "link_down", instance: "york-uplink-mpls", cleared: cleared);

    public static Alarm YorkVpnDown(bool cleared = false) => Alarm("york-rtr-01", "link_down", instance: "york-uplink-vpn", cleared: cleared);

    /// <summary>
    /// A network unlike the sample: a ring of <paramref name="cores"/> core routers; <paramref name="dualHomed"/>
    /// branches "dN" whose router has two uplinks to two different cores in redundancy group "dN-uplink"
    /// (links "dN-a", "dN-b"), each with two switches; and <paramref name="singleHomed"/> branches "sN" on one
    /// uplink "sN-up", each with a switch that a service "sN-app" of the given criticality needs.
    /// </summary>
    public static NetworkTopology Generated(int cores, int dualHomed, int singleHomed, Criticality appCriticality = Criticality.Medium)
    {
        var builder = new TopologyBuilder();
        builder.AddSite(new Site { Id = "core" });
        for (var c = 0; c < cores; c++)
        {
            builder.AddDevice(new Device { Id = $"core-{c}", Role = DeviceRole.CoreRouter, SiteId = "core" });
        }
        for (var c = 0; c < cores && cores > 1; c++)
        {
            if (cores > 2 || c == 0)
            {
                builder.AddLink(new Link { Id = $"ring-{c}", A = $"core-{c}", B = $"core-{(c + 1) % cores}", Kind = LinkKind.Fibre });
            }
        }
        for (var d = 0; d < dualHomed; d++)
        {
            var site = $"d{d}";
            builder.AddSite(new Site { Id = site, Region = "generated" });
            builder.AddDevice(new Device { Id = $"{site}-rtr", Role = DeviceRole.Router, SiteId = site });
            builder.AddLink(new Link { Id = $"{site}-a", A = $"{site}-rtr", B = $"core-{d % cores}", Kind = LinkKind.Mpls, RedundancyGroup = $"{site}-uplink" });
            builder.AddLink(new Link { Id = $"{site}-b", A = $"{site}-rtr", B = $"core-{(d + 1) % cores}", Kind = LinkKind.Broadband, RedundancyGroup = $"{site}-uplink" });
            for (var s = 0; s < 2; s++)
            {
                builder.AddDevice(new Device { Id = $"{site}-sw{s}", Role = DeviceRole.AccessSwitch, SiteId = site });
                builder.AddLink(new Link { A = $"{site}-rtr", B = $"{site}-sw{s}" });
            }
        }
        for (var s = 0; s < singleHomed; s++)
        {
            var site = $"s{s}";
            builder.AddSite(new Site { Id = site, Region = "generated" });
            builder.AddDevice(new Device { Id = $"{site}-rtr", Role = DeviceRole.Router, SiteId = site });
            builder.AddDevice(new Device { Id = $"{site}-sw", Role = DeviceRole.AccessSwitch, SiteId = site });
            builder.AddLink(new Link { Id = $"{site}-up", A = $"{site}-rtr", B = $"core-{s % cores}", Kind = LinkKind.Microwave });
            builder.AddLink(new Link { A = $"{site}-rtr", B = $"{site}-sw" });
            builder.AddService(new Service { Id = $"{site}-app", Criticality = appCriticality, DependsOnDevices = [$"{site}-sw"], Customers = [$"{site}-users"] });
        }
        return builder.Build();
    }
}
