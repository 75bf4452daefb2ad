using Correlation.Contracts;
using Correlation.Topology;

namespace Correlation.Cli.Generation.Faults;

/// <summary>
/// A link or circuit is cut. Both ends report it; when a redundancy twin is up that is all (traffic moved to
/// the twin). Otherwise everything that lost its only path to the core becomes unreachable, the services on
/// it fail their checks and users report it.
/// </summary>
public static class LinkCut
{
    public const string Shape = "link";

    public static void Generate(FaultBuilder fault, Link link)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(link);
        var topology = fault.Topology;
        var impact = topology.AssessFailure(FailureSet.OfLinks(link.Id));
        var isolating = impact.CutOffDevices.Count > 0;
        var raised = new List<Condition>();

        var flaps = fault.Chance(0.25);
        var severity = isolating ? AlarmSeverity.Critical : AlarmSeverity.Major;
        var cut = 0.0;
        if (fault.Chance(0.15) && topology.FindDevice(link.A) is { } changed)
        {
            // Change-induced outages are common: someone edits the interface, and the link drops a minute later.
            var change = fault.OnDevice(changed, "config_change", AlarmSeverity.Info, $"{link.A}: running configuration changed by netops",
                kind: SourceKind.Syslog, source: "syslog");
            fault.Raise(change, 0);
            cut = fault.Between(30, 120);
        }
        foreach (var end in new[] { link.A, link.B })
        {
            if (topology.FindDevice(end) is not { } device)
            {
                continue;
            }
            var other = link.OtherEnd(end);
            if (link.Kind == LinkKind.Microwave && fault.Chance(0.7))
            {
                // Radios see the received signal fade (rain, misalignment) before the hop drops.
                var fade = fault.OnDevice(device, "rsl_low", AlarmSeverity.Warning, $"{end}: received signal level below threshold on {link.Id}",
                    instance: link.Id);
                fault.Raise(fade, cut + fault.Between(0, 10));
                raised.Add(fade);
            }
            var linkDown = fault.OnDevice(device, "link_down", severity, $"{end}: interface towards {other} ({link.Id}) down", instance: link.Id);
            var at = cut + fault.Between(link.Kind == LinkKind.Microwave ? 20 : 0, link.Kind == LinkKind.Microwave ? 60 : 5);
            if (flaps)
            {
                // A failing circuit often bounces before it dies.
                at = fault.Flap(linkDown, at);
            }
            else
            {
                fault.Raise(linkDown, at);
            }
            if (fault.Chance(0.2))
            {
                fault.Repeats(linkDown, at, 1, 30, 90);
            }
            raised.Add(linkDown);
            if (isolating && Fallout.IsRouter(device) && topology.FindDevice(other) is { } peer && Fallout.IsRouter(peer))
            {
                var bgp = fault.OnDevice(device, "bgp_session_down", AlarmSeverity.Critical, $"{end}: BGP neighbour {other} down",
                    instance: other, kind: SourceKind.Syslog, source: "syslog");
                fault.Raise(bgp, at + fault.Between(5, 90));
                raised.Add(bgp);
            }
        }

        if (isolating)
        {
            var down = cut + (link.Kind == LinkKind.Microwave ? 40 : 0);
            raised.AddRange(Fallout.Devices(fault, impact.CutOffDevices, down + 20, down + 75, repeat: true));
            raised.AddRange(Fallout.Services(fault, impact.ImpactedServices, down + 40, down + 200, degraded: false));
            var sites = impact.CutOffDevices.Select(d => d.SiteId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            Fallout.Users(fault, sites, impact.ImpactedServices, down + 120, down + 900, degraded: false);
        }

        Fallout.Clears(fault, raised, cut + fault.Between(300, 3600), 0.6);
    }

    /// <summary>Circuits between sites are cut far more often than patch leads inside a rack.</summary>
    public static Link Choose(Random random, IReadOnlyList<Link> links)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(links);
        var wan = links.Where(l => l.Kind != LinkKind.Ethernet).ToList();
        return wan.Count > 0 && random.NextDouble() < 0.75 ? wan[random.Next(wan.Count)] : links[random.Next(links.Count)];
    }
}
