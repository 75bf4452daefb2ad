using Correlation.Contracts;
using Correlation.Topology;
using Correlation.Triage.Policy;

namespace Correlation.Triage.Impact;

/// <summary>
/// Classifies an incident and works out its business impact from the CMDB. The failed elements are the
/// devices its raised alarms report gone, the links they report down (an alarm whose instance names a link
/// of its device, or the neighbour at the far end), and, once some alarm shows a failure, the correlator's
/// probable cause (a device, link or whole site). A device reported gone that the other failures already
/// cut off from the core is a symptom, not a failure, so a site behind a cut link is not read as ten
/// broken boxes. <see cref="NetworkTopology.AssessFailure"/> then says what is cut off, which services are
/// lost and which redundancy groups held.
/// Outage: something people need no longer works (a service lost, devices cut off, a redundancy group or
/// site wholly down). Impairment: something failed or degraded but the network carried on (a link down
/// whose twin is up). Informational: nothing raised above the impairment threshold.
/// </summary>
public static class ImpactAssessor
{
    // Each check is one failure assessment, O(devices + links); beyond this many reported-gone devices the
    // rest are taken as failed as reported, which keeps a storm of hundreds bounded.
    private const int MaxSymptomChecks = 32;
    private const int MaxListed = 5;
    private static readonly StringComparer Ids = StringComparer.OrdinalIgnoreCase;

    public static Assessment Assess(IncidentProjection projection, NetworkTopology topology, Classification rules)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(rules);
        var incident = projection.Incident;
        var active = projection.Active.ToList();
        var activeTypes = new HashSet<string>(active.Select(m => m.AlarmType), Ids);
        AlarmSeverity? topSeverity = active.Count > 0 ? active.Max(m => m.Severity) : null;

        var namedLinks = new List<Link>();
        var reportedDown = new List<Device>();
        var degraded = new List<(Device Device, string Type)>();
        var unplacedDown = new List<string>();
        var unplacedDegraded = new List<string>();
        var namedServices = new List<Service>();
        foreach (var member in active)
        {
            var device = topology.Resolve(member.Resource);
            var minor = rules.InformationalTypes.Contains(member.AlarmType) || member.Severity < rules.ImpairmentMinSeverity;
            if (rules.LinkDownTypes.Contains(member.AlarmType))
            {
                if (device is not null && LinkNamed(topology, device, member.Instance) is { } link)
                {
                    namedLinks.Add(link);
                }
                else if (device is not null)
                {
                    // A port down that the CMDB has no link for: the device is worse off, the network is not cut.
                    degraded.Add((device, member.AlarmType));
                }
                else
                {
                    unplacedDegraded.Add(member.Resource);
                }
            }
            else if (rules.DeviceDownTypes.Contains(member.AlarmType))
            {
                if (device is not null)
                {
                    reportedDown.Add(device);
                }
                else
                {
                    unplacedDown.Add(member.Resource);
                }
            }
            else if (!minor)
            {
                if (device is not null)
                {
                    degraded.Add((device, member.AlarmType));
                }
                else if (ServiceNamed(topology, member, null) is null)
                {
                    unplacedDegraded.Add(member.Resource);
                }
            }
            if (!minor && ServiceNamed(topology, member, device) is { } service)
            {
                namedServices.Add(service);
            }
        }

        // The probable cause is only believed as a failure when some alarm shows one: the correlator names a
        // cause for a CPU alarm too, and that device is busy, not gone.
        var causeDevices = new List<Device>();
        string? causeSite = null;
        if (namedLinks.Count + reportedDown.Count + unplacedDown.Count > 0)
        {
            switch (ParseCause(incident.ProbableCause))
            {
                case ("device", var id) when topology.FindDevice(id) is { } device:
                    causeDevices.Add(device);
                    break;
                case ("link", var id) when topology.FindLink(id) is { } link:
                    namedLinks.Add(link);
                    break;
                case ("site", var id) when topology.FindSite(id) is { } failedSite && topology.DevicesAt(failedSite.Id).Count > 0:
                    causeSite = failedSite.Id;
                    causeDevices.AddRange(topology.DevicesAt(failedSite.Id));
                    break;
            }
        }

        namedLinks = [.. namedLinks.DistinctBy(l => l.Id, Ids)];
        var linkIds = namedLinks.Select(l => l.Id).ToList();
        var failed = new List<Device>(causeDevices.DistinctBy(d => d.Id, Ids));
        var impact = topology.AssessFailure(new FailureSet(failed.Select(d => d.Id), linkIds));
        var checks = 0;
        foreach (var device in NearestCoreFirst(topology, reportedDown.DistinctBy(d => d.Id, Ids).Where(d => !failed.Contains(d))))
        {
            if (checks < MaxSymptomChecks && impact.CutOffDevices.Contains(device))
            {
                continue;
            }
            failed.Add(device);
            if (++checks <= MaxSymptomChecks)
            {
                impact = topology.AssessFailure(new FailureSet(failed.Select(d => d.Id), linkIds));
            }
        }
        if (checks > MaxSymptomChecks)
        {
            impact = topology.AssessFailure(new FailureSet(failed.Select(d => d.Id), linkIds));
        }

        var failedIds = new HashSet<string>(failed.Select(d => d.Id), Ids);
        var cutOff = new HashSet<string>(impact.CutOffDevices.Select(d => d.Id), Ids);
        degraded = [.. degraded.Where(d => !failedIds.Contains(d.Device.Id) && !cutOff.Contains(d.Device.Id)).DistinctBy(d => d.Device.Id, Ids)];

        var services = Services(topology, impact, degraded.Select(d => d.Device), namedServices, out var lost);
        var touchedDevices = failed.Concat(degraded.Select(d => d.Device))
            .Concat(namedLinks.SelectMany(l => new[] { topology.FindDevice(l.A)!, topology.FindDevice(l.B)! }))
            .Concat(impact.CutOffDevices)
            .DistinctBy(d => d.Id, Ids)
            .ToList();
        var sites = new List<string>();
        AddDistinct(sites, incident.Site);
        foreach (var device in touchedDevices)
        {
            AddDistinct(sites, device.SiteId);
        }
        var isolated = sites
            .Where(s => topology.DevicesAt(s) is { Count: > 0 } at && at.All(d => failedIds.Contains(d.Id) || cutOff.Contains(d.Id)))
            .ToList();

        var category = Categorise(active.Count, failed.Count + namedLinks.Count, unplacedDown.Count,
            degraded.Count + namedServices.Count + unplacedDegraded.Count, isolated.Count > 0 || lost.Count > 0 || cutOff.Count > 0
                || impact.ExhaustedRedundancyGroups.Count > 0);

        var failedElements = new List<string>();
        if (causeSite is not null)
        {
            failedElements.Add("site " + causeSite);
        }
        failedElements.AddRange(failed.Where(d => causeSite is null || !Ids.Equals(d.SiteId, causeSite)).Select(d => "device " + d.Id));
        failedElements.AddRange(namedLinks.Select(l => "link " + l.Id));
        failedElements.AddRange(unplacedDown.Distinct(Ids).Select(r => "device " + r));

        var customers = new List<string>();
        foreach (var service in services)
        {
            foreach (var customer in topology.FindService(service.Id)?.Customers ?? [])
            {
                AddDistinct(customers, customer);
            }
        }
        var teams = new List<string>();
        foreach (var team in failed.Select(d => d.TeamId)
                     .Concat(namedLinks.SelectMany(l => new[] { topology.FindDevice(l.A)?.TeamId, topology.FindDevice(l.B)?.TeamId }))
                     .Concat(degraded.Select(d => d.Device.TeamId))
                     .Concat(services.Select(s => topology.FindService(s.Id)?.TeamId)))
        {
            AddDistinct(teams, team);
        }

        var elements = new HashSet<string>(Ids);
        if (causeSite is not null)
        {
            elements.Add("site");
        }
        foreach (var device in failed.Concat(degraded.Select(d => d.Device)))
        {
            elements.Add(CmdbNames.Of(device.Role));
        }
        foreach (var link in namedLinks)
        {
            elements.Add("link");
            elements.Add("link:" + CmdbNames.Of(link.Kind));
        }

        var summary = Summary(category, active.Count, topology, impact, isolated, failedElements, degraded, services, lost, activeTypes);
        var site = incident.Site ?? isolated.FirstOrDefault() ?? sites.FirstOrDefault();
        return new Assessment(
            category,
            summary,
            new IncidentImpact(failedElements, [.. services.Select(s => s.Id)], customers, [.. impact.CutOffDevices.Select(d => d.Id)],
                impact.DegradedRedundancyGroups, impact.ExhaustedRedundancyGroups),
            services,
            isolated,
            elements,
            activeTypes,
            topSeverity,
            sites,
            [.. touchedDevices.Select(d => d.Id)],
            teams,
            site,
            topology.FindSite(site)?.Region);
    }

    /// <summary>"device leeds-asw-03" → ("device", "leeds-asw-03").</summary>
    public static (string Kind, string Id) ParseCause(string? cause)
    {
        var space = cause?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        return space > 0 ? (cause![..space].ToLowerInvariant(), cause[(space + 1)..].Trim()) : ("", "");
    }

    private static IncidentCategory Categorise(int active, int failures, int unplacedDown, int degraded, bool somethingLost)
    {
        if (active == 0)
        {
            return IncidentCategory.Informational;
        }
        if (failures > 0)
        {
            return somethingLost ? IncidentCategory.Outage : IncidentCategory.Impairment;
        }
        if (unplacedDown > 0)
        {
            // Something reports itself gone and the CMDB cannot say what hangs off it: take the report at its word.
            return IncidentCategory.Outage;
        }
        return degraded > 0 ? IncidentCategory.Impairment : IncidentCategory.Informational;
    }

    /// <summary>The link an alarm's instance names: a link of the device by id, or the one link to the neighbour it names.</summary>
    private static Link? LinkNamed(NetworkTopology topology, Device device, string? instance)
    {
        if (string.IsNullOrWhiteSpace(instance))
        {
            return null;
        }
        if (topology.FindLink(instance) is { } link && (Ids.Equals(link.A, device.Id) || Ids.Equals(link.B, device.Id)))
        {
            return link;
        }
        if (topology.Resolve(instance) is { } peer && !Ids.Equals(peer.Id, device.Id))
        {
            var between = topology.LinksOf(device.Id).Where(l => Ids.Equals(l.OtherEnd(device.Id), peer.Id)).ToList();
            return between.Count == 1 ? between[0] : null;
        }
        return null;
    }

    private static Service? ServiceNamed(NetworkTopology topology, MemberAlarm member, Device? device) =>
        topology.FindService(member.Service) ?? (device is null ? topology.FindService(member.Resource) : null);

    private static IEnumerable<Device> NearestCoreFirst(NetworkTopology topology, IEnumerable<Device> devices)
    {
        var cores = topology.Devices.Where(d => d.Role == DeviceRole.CoreRouter).Select(d => d.Id).ToList();
        return cores.Count == 0
            ? devices
            : devices.OrderBy(d => cores.Select(c => topology.HopDistance(d.Id, c)).Where(h => h is not null).DefaultIfEmpty(int.MaxValue).Min());
    }

    /// <summary>Services lost (they need a failed or cut-off device) and degraded (a degraded device, or named by an alarm), most critical first.</summary>
    private static List<AffectedService> Services(NetworkTopology topology, FailureImpact impact, IEnumerable<Device> degraded,
        IEnumerable<Service> named, out HashSet<string> lost)
    {
        lost = new HashSet<string>(impact.ImpactedServices.Select(s => s.Id), Ids);
        var all = new List<Service>(impact.ImpactedServices);
        all.AddRange(degraded.SelectMany(d => topology.ServicesDependingOn(d.Id)));
        foreach (var service in named)
        {
            all.Add(service);
            all.AddRange(topology.ServicesDependingOnService(service.Id));
        }
        return [.. all.DistinctBy(s => s.Id, Ids)
            .OrderByDescending(s => s.Criticality)
            .ThenBy(s => s.Id, Ids)
            .Select(s => new AffectedService(s.Id, s.Criticality))];
    }

    private static string Summary(IncidentCategory category, int active, NetworkTopology topology, FailureImpact impact,
        List<string> isolated, List<string> failedElements, List<(Device Device, string Type)> degraded,
        List<AffectedService> services, HashSet<string> lost, HashSet<string> activeTypes)
    {
        if (active == 0)
        {
            return "every member alarm has cleared";
        }
        var parts = new List<string>();
        if (isolated.Count > 0)
        {
            parts.Add($"site {string.Join(", ", isolated)} isolated");
        }
        foreach (var group in impact.ExhaustedRedundancyGroups)
        {
            parts.Add($"redundancy group {group} exhausted ({List(topology.RedundancyGroup(group).Select(l => l.Id))} all down)");
        }
        foreach (var group in impact.DegradedRedundancyGroups)
        {
            var links = topology.RedundancyGroup(group);
            var down = impact.DownLinks.Where(l => Ids.Equals(l.RedundancyGroup, group)).Select(l => l.Id).ToList();
            parts.Add($"redundancy group {group} degraded ({List(down)} down, {List(links.Select(l => l.Id).Except(down, Ids))} still up)");
        }
        if (failedElements.Count > 0)
        {
            parts.Add("failed: " + List(failedElements));
        }
        if (impact.CutOffDevices.Count > 0)
        {
            parts.Add($"{impact.CutOffDevices.Count} devices cut off ({List(impact.CutOffDevices.Select(d => d.Id))})");
        }
        else if (failedElements.Count > 0 && category == IncidentCategory.Impairment)
        {
            parts.Add("nothing cut off");
        }
        if (degraded.Count > 0)
        {
            parts.Add("degraded: " + List(degraded.Select(d => $"{d.Device.Id} ({d.Type})")));
        }
        var lostServices = services.Where(s => lost.Contains(s.Id)).ToList();
        var degradedServices = services.Where(s => !lost.Contains(s.Id)).ToList();
        if (lostServices.Count > 0)
        {
            parts.Add("services lost: " + List(lostServices.Select(s => $"{s.Id} ({CmdbNames.Of(s.Criticality)})")));
        }
        if (degradedServices.Count > 0)
        {
            parts.Add("services degraded: " + List(degradedServices.Select(s => $"{s.Id} ({CmdbNames.Of(s.Criticality)})")));
        }
        if (parts.Count == 0)
        {
            parts.Add(category == IncidentCategory.Informational
                ? "only informational alarms (" + List(activeTypes) + ")"
                : "alarms on elements the CMDB does not know (" + List(activeTypes) + ")");
        }
        return string.Join("; ", parts);
    }

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= MaxListed ? string.Join(", ", all) : string.Join(", ", all.Take(MaxListed)) + $" and {all.Count - MaxListed} more";
    }

    private static void AddDistinct(List<string> list, string? value)
    {
        if (!string.IsNullOrEmpty(value) && !list.Contains(value, Ids))
        {
            list.Add(value);
        }
    }
}
