using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Correlator.Engine;

/// <summary>The element most likely to have caused an incident, and why.</summary>
/// <param name="Kind">"device", "link" or "site".</param>
public sealed record CauseFinding(string Kind, string Id, int Explained, int Members, string Reason)
{
    public override string ToString() => $"{Kind} {Id}";
}

/// <summary>
/// Names the probable cause of an incident: of the elements that could have failed — its member devices,
/// the links an alarm named, the links and devices next to its members, the site they share — the one
/// whose failure explains the most of what the incident saw (member devices, named services, user
/// reports at sites), by what the topology says that failure would take down. Among equals, an element
/// an alarm named beats one inferred, a device that alarmed itself beats a silent one, and a smaller
/// blast radius beats a larger one (the most specific
/// explanation); a site whose devices are nearly all members is named as the site (power or site-wide).
/// Bounded: at most <see cref="MaxCandidates"/> failures are looked at, each assessed once per topology
/// (<see cref="FailurePaths"/>) and then remembered.
/// </summary>
public static class ProbableCause
{
    public const int MaxCandidates = 24;
    private const double SiteShare = 0.8;

    public static CauseFinding? Find(NetworkTopology topology, IncidentFacts incident)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(incident);
        var members = incident.Devices.Keys.Where(d => topology.FindDevice(d) is not null).ToList();
        var items = members.Count + incident.Services.Count + incident.Sites.Count;
        if (items == 0)
        {
            return null;
        }

        if (SiteWide(topology, members) is { } site)
        {
            return new CauseFinding("site", site, members.Count, items,
                $"{members.Count} of the {topology.DevicesAt(site).Count} devices at {site} alarmed: a site-wide failure (power, site access)");
        }

        var paths = FailurePaths.Of(topology);
        CauseFinding? best = null;
        (int Explained, bool Named, bool Alarmed, int Blast) bestRank = (-1, false, false, int.MaxValue);
        foreach (var (kind, id, named) in Candidates(topology, members, incident.Links.Keys).Take(MaxCandidates))
        {
            var impact = kind == "link" ? paths.FailureOfLink(id) : paths.FailureOf(id);
            var touched = new HashSet<string>(impact.CutOffDevices.Select(d => d.Id), StringComparer.OrdinalIgnoreCase);
            if (kind == "link" && topology.FindLink(id) is { } link)
            {
                touched.Add(link.A);
                touched.Add(link.B);
            }
            else
            {
                touched.Add(id);
                // Its neighbours see it go: links down, sessions lost.
                touched.UnionWith(topology.LinksOf(id).Select(l => l.OtherEnd(id)));
            }

            var services = new HashSet<string>(impact.ImpactedServices.Select(s => s.Id), StringComparer.OrdinalIgnoreCase);
            var sites = new HashSet<string>(touched.Select(d => topology.SiteOf(d)?.Id).OfType<string>(), StringComparer.OrdinalIgnoreCase);
            var explained = members.Count(touched.Contains)
                + incident.Services.Keys.Count(services.Contains)
                + incident.Sites.Keys.Count(sites.Contains);
            var alarmed = kind == "device" && members.Contains(id, StringComparer.OrdinalIgnoreCase);
            var rank = (explained, named, alarmed, impact.CutOffDevices.Count);
            if (Better(rank, bestRank))
            {
                bestRank = rank;
                best = new CauseFinding(kind, id, explained, items,
                    $"its failure explains {explained} of {items} ({(named ? "named by an alarm" : alarmed ? "it alarmed itself" : "inferred")}; cuts off {impact.CutOffDevices.Count} devices)");
            }
        }

        return best;
    }

    private static bool Better((int Explained, bool Named, bool Alarmed, int Blast) a, (int Explained, bool Named, bool Alarmed, int Blast) b) =>
        a.Explained != b.Explained ? a.Explained > b.Explained
        : a.Named != b.Named ? a.Named
        : a.Alarmed != b.Alarmed ? a.Alarmed
        : a.Blast < b.Blast;

    private static string? SiteWide(NetworkTopology topology, List<string> members)
    {
        foreach (var group in members.GroupBy(d => topology.SiteOf(d)?.Id, StringComparer.OrdinalIgnoreCase))
        {
            if (group.Key is { } site && group.Count() >= 3 && group.Count() >= SiteShare * topology.DevicesAt(site).Count
                && group.Count() * 2 > members.Count)
            {
                return site;
            }
        }

        return null;
    }

    /// <summary>Named links first, then the members themselves, then what is next to them.</summary>
    private static IEnumerable<(string Kind, string Id, bool Named)> Candidates(NetworkTopology topology, List<string> members,
        IReadOnlyCollection<string> namedLinks)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in namedLinks.Where(l => topology.FindLink(l) is not null))
        {
            if (seen.Add("l:" + link))
            {
                yield return ("link", link, true);
            }
        }

        foreach (var device in members)
        {
            if (seen.Add("d:" + device))
            {
                yield return ("device", device, false);
            }
        }

        foreach (var device in members)
        {
            foreach (var link in topology.LinksOf(device))
            {
                if (seen.Add("l:" + link.Id))
                {
                    yield return ("link", link.Id, false);
                }

                var next = link.OtherEnd(device);
                if (seen.Add("d:" + next))
                {
                    yield return ("device", next, false);
                }
            }
        }
    }
}
