using Correlation.Topology;

namespace Correlation.Correlator.Scoring;

/// <summary>One alarm against one incident: each component in [0, 1], and the weighted total.</summary>
public sealed record ScoreBreakdown(double Time, double Topology, double Text, double Total, int? Hops, string Relation, double? Affinity = null);

/// <summary>
/// Scores an alarm against a candidate incident through its strongest relation to one of the
/// incident's members: a device within the hop limit, a service they share, or the site a user report
/// names. Each relation pairs how close it is in the network with how long ago that member last
/// alarmed, so an incident that is busy elsewhere does not pull in a fault next to a member that went
/// quiet long ago. Words add to it. An alarm placed in the network joins only incidents it is related
/// to there: time and words alone would merge unrelated faults that happen at the same moment.
/// </summary>
public sealed class AlarmScorer(ScoringOptions options, Learned? learned = null)
{
    private readonly Learned _learned = learned ?? Learned.None;

    private const double ServiceRelation = 0.75;
    private const double ReportAtSite = 0.7;
    private const double SameSitePlace = 0.5;

    // Each hop between the alarm and a member costs this much of the topology score, so a neighbour
    // still counts strongly and three hops away needs time and words to agree as well.
    private const double HopPenalty = 0.15;

    public ScoreBreakdown Score(AlarmFacts alarm, IncidentFacts incident, NetworkTopology topology, IReadOnlyList<string> impactedByAlarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(impactedByAlarm);

        var text = TextWords.Similarity(alarm.Words, incident.Words);
        if (alarm.IsUnplaced)
        {
            // Nothing locates the alarm: only a close match in words and time can tie it to an incident.
            var time = Proximity(alarm.Time, incident.LastSeen, options.TimeScale);
            return new ScoreBreakdown(time, 0, text, text >= 0.5 ? time * text : 0, null, "words");
        }

        var typeAffinity = _learned.Affinity(alarm, incident);
        var best = new ScoreBreakdown(0, 0, text, 0, null, "none", typeAffinity);
        // A condition that does not spread through the network (a login failure, a certificate, a full
        // disk, a configuration change) relates to a fault only on its own device, and an incident made
        // of such conditions only to alarms on its devices: nearness, a service the device carries or a
        // shared site would glue unrelated faults to it.
        var local = IsLocal(alarm.AlarmType) || incident.AlarmTypes.Keys.All(IsLocal);
        if (alarm.DeviceId is { } device)
        {
            var paths = FailurePaths.Of(topology);
            foreach (var (member, seen) in incident.Devices)
            {
                if (topology.HopDistance(device, member) is not { } hops || (local && hops > 0))
                {
                    continue;
                }

                if (hops == 0)
                {
                    best = Better(best, alarm, seen, 1.0, text, typeAffinity, hops, "same device");
                }
                else if (hops == 1)
                {
                    best = Better(best, alarm, seen, 1.0 - HopPenalty, text, typeAffinity, hops, $"1 hop(s) from {member}");
                }
                else if (paths.OnOnePath(device, member))
                {
                    // One is on the other's only way to the core: a failure there explains the other going quiet.
                    best = Better(best, alarm, seen, 1.0 - HopPenalty, text, typeAffinity, hops, $"on one path with {member}, {hops} hops");
                }
                else if (hops > options.MaxHops && !SameSite(topology, device, member, unknown: false))
                {
                    continue;
                }
                else if (hops > options.MaxHops)
                {
                    // Further than the hop limit but in the same building: power, cooling and the site's own
                    // switches are shared, so only close timing ties them.
                    best = Better(best, alarm, seen, SameSitePlace, text, typeAffinity, hops, $"same site as {member}, {hops} hops");
                }
                else
                {
                    // Near, but neither explains the other: through a shared hub, or side by side.
                    var apart = !SameSite(topology, device, member);
                    var place = 1.0 - (HopPenalty * hops) - (apart ? options.OtherSitePenalty : 0);
                    if (place <= 0)
                    {
                        continue;
                    }

                    best = Better(best, alarm, seen, place, text, typeAffinity, hops, $"{hops} hop(s) from {member}{(apart ? " at another site" : "")}");
                }
            }

            // Cut off by what the incident has lost: a branch dual-homed to one data centre goes dark when
            // that data centre loses power, though neither of its routers alone would have cut it off.
            if (!local && incident.Down.Count > 0 && topology.IsCutOff(device, incident.Down.Keys))
            {
                best = Better(best, alarm, incident.Down.Values.Max(), 1.0 - HopPenalty, text, typeAffinity, null,
                    "cut off by the incident's failed devices");
            }

            foreach (var service in local ? [] : impactedByAlarm)
            {
                if (incident.Services.TryGetValue(service, out var seen))
                {
                    best = Better(best, alarm, seen, ServiceRelation, text, typeAffinity, null, $"carries {service}, which the incident names", options.ConsequenceTimeScale);
                }
            }
        }

        if (local)
        {
            return best;
        }

        // A device alarm speaks for the service it names only when the device carries that service (an
        // application check on its host); a switch's own errors labelled with a service are about the switch.
        if (alarm.ServiceId is { } named && (alarm.DeviceId is null || impactedByAlarm.Contains(named, StringComparer.OrdinalIgnoreCase)))
        {
            if (incident.Services.TryGetValue(named, out var seen))
            {
                best = Better(best, alarm, seen, ServiceRelation, text, typeAffinity, null, $"same service {named}", options.ConsequenceTimeScale);
            }

            if (incident.ImpactedServices.TryGetValue(named, out seen))
            {
                best = Better(best, alarm, seen, ServiceRelation, text, typeAffinity, null, $"{named} runs on the incident's devices", options.ConsequenceTimeScale);
            }
        }

        // Devices relate through hops; a shared site only places alarms that name no device (user
        // reports, site-level checks), since unrelated boxes share sites all the time. The other way
        // round too: an incident that is so far only reports from a site takes the first device alarm
        // there (people sometimes call before the NMS notices, and alarms are not always decided in order).
        if (alarm.SiteId is { } site && (alarm.DeviceId is null || incident.Devices.Count == 0)
            && incident.Sites.TryGetValue(site, out var siteSeen))
        {
            best = Better(best, alarm, siteSeen, ReportAtSite, text, typeAffinity, null, $"same site {site}", options.ConsequenceTimeScale);
        }

        return best;
    }

    private bool IsLocal(string alarmType) => options.LocalTypes.Contains(alarmType);

    /// <summary>Same site, or a topology that does not say (then sites cannot tell devices apart).</summary>
    private static bool SameSite(NetworkTopology topology, string a, string b, bool unknown = true) =>
        topology.SiteOf(a)?.Id is not { } siteA || topology.SiteOf(b)?.Id is not { } siteB
            ? unknown
            : string.Equals(siteA, siteB, StringComparison.OrdinalIgnoreCase);

    private ScoreBreakdown Better(ScoreBreakdown best, AlarmFacts alarm, DateTimeOffset memberSeen, double place, double text, double? typeAffinity,
        int? hops, string relation, TimeSpan? timeScale = null)
    {
        var time = Proximity(alarm.Time, memberSeen, timeScale ?? options.TimeScale);
        var weights = options.TimeWeight + options.TopologyWeight + options.TextWeight;
        var sum = options.TimeWeight * time + options.TopologyWeight * place + options.TextWeight * text;
        if (typeAffinity is { } learned)
        {
            weights += options.AffinityWeight;
            sum += options.AffinityWeight * learned;
        }

        var total = sum / weights;
        return total > best.Total ? new ScoreBreakdown(time, place, text, total, hops, relation, typeAffinity) : best;
    }

    private static double Proximity(DateTimeOffset alarm, DateTimeOffset member, TimeSpan scale)
    {
        var gap = alarm - member;
        return gap <= TimeSpan.Zero ? 1.0 : Math.Exp(-gap / scale);
    }
}
