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
public sealed class AlarmScorer(ScoringOptions options, TypeAffinity? affinity = null)
{
    private readonly TypeAffinity _affinity = affinity ?? TypeAffinity.None;

    private const double ServiceRelation = 0.75;
    private const double ReportAtSite = 0.6;

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
            var time = Proximity(alarm.Time, incident.LastSeen);
            return new ScoreBreakdown(time, 0, text, text >= 0.5 ? time * text : 0, null, "words");
        }

        double? typeAffinity = _affinity.IsEmpty ? null : incident.AlarmTypes.Keys.Max(t => _affinity.Of(alarm.AlarmType, t));
        var best = new ScoreBreakdown(0, 0, text, 0, null, "none", typeAffinity);
        if (alarm.DeviceId is { } device)
        {
            foreach (var (member, seen) in incident.Devices)
            {
                if (topology.HopDistance(device, member) is { } hops && hops <= options.MaxHops)
                {
                    var place = 1.0 - (HopPenalty * hops);
                    best = Better(best, alarm, seen, place, text, typeAffinity, hops, hops == 0 ? "same device" : $"{hops} hop(s) from {member}");
                }
            }

            foreach (var service in impactedByAlarm)
            {
                if (incident.Services.TryGetValue(service, out var seen))
                {
                    best = Better(best, alarm, seen, ServiceRelation, text, typeAffinity, null, $"carries {service}, which the incident names");
                }
            }
        }

        if (alarm.ServiceId is { } named)
        {
            if (incident.Services.TryGetValue(named, out var seen))
            {
                best = Better(best, alarm, seen, ServiceRelation, text, typeAffinity, null, $"same service {named}");
            }

            if (incident.ImpactedServices.TryGetValue(named, out seen))
            {
                best = Better(best, alarm, seen, ServiceRelation, text, typeAffinity, null, $"{named} runs on the incident's devices");
            }
        }

        // Devices relate through hops; a shared site only places alarms that name no device (user
        // reports, site-level checks), since unrelated boxes share sites all the time.
        if (alarm.DeviceId is null && alarm.SiteId is { } site && incident.Sites.TryGetValue(site, out var siteSeen))
        {
            best = Better(best, alarm, siteSeen, ReportAtSite, text, typeAffinity, null, $"same site {site}");
        }

        return best;
    }

    private ScoreBreakdown Better(ScoreBreakdown best, AlarmFacts alarm, DateTimeOffset memberSeen, double place, double text, double? typeAffinity,
        int? hops, string relation)
    {
        var time = Proximity(alarm.Time, memberSeen);
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

    private double Proximity(DateTimeOffset alarm, DateTimeOffset member)
    {
        var gap = alarm - member;
        return gap <= TimeSpan.Zero ? 1.0 : Math.Exp(-gap / options.TimeScale);
    }
}
