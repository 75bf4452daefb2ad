using Correlation.Topology;

namespace Correlation.Correlator.Scoring;

/// <summary>One alarm against one incident: each component in [0, 1], and the weighted total.</summary>
public sealed record ScoreBreakdown(double Time, double Topology, double Text, double Total, int? Hops, string Relation);

/// <summary>
/// Scores an alarm against a candidate incident. Time proximity decays from the incident's last alarm;
/// topology is the nearest hop distance to the incident's devices, or a shared service or site when
/// hops cannot say (user reports, application alarms); text is word overlap. An alarm placed in the
/// network joins only incidents it is related to there: time and words alone would merge unrelated
/// faults that happen at the same moment.
/// </summary>
public sealed class AlarmScorer(ScoringOptions options)
{
    private const double ServiceRelation = 0.75;
    private const double SiteRelation = 0.5;
    private const double ReportAtSite = 0.6;

    public ScoreBreakdown Score(AlarmFacts alarm, IncidentFacts incident, NetworkTopology topology, IReadOnlyList<string> impactedByAlarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(impactedByAlarm);

        var gap = alarm.Time - incident.LastSeen;
        var time = gap <= TimeSpan.Zero ? 1.0 : Math.Exp(-gap / options.TimeScale);
        var text = TextWords.Similarity(alarm.Words, incident.Words);
        var (place, hops, relation) = Place(alarm, incident, topology, impactedByAlarm);

        double total;
        if (alarm.IsUnplaced)
        {
            // Nothing locates the alarm: only a close match in words and time can tie it to an incident.
            total = text >= 0.5 ? time * text : 0;
            relation = "text";
        }
        else if (place <= 0)
        {
            total = 0;
        }
        else
        {
            var weights = options.TimeWeight + options.TopologyWeight + options.TextWeight;
            total = (options.TimeWeight * time + options.TopologyWeight * place + options.TextWeight * text) / weights;
        }

        return new ScoreBreakdown(time, place, text, total, hops, relation);
    }

    private (double Score, int? Hops, string Relation) Place(AlarmFacts alarm, IncidentFacts incident, NetworkTopology topology,
        IReadOnlyList<string> impactedByAlarm)
    {
        var best = 0.0;
        int? nearest = null;
        var relation = "none";
        if (alarm.DeviceId is { } device)
        {
            foreach (var member in incident.Devices)
            {
                if (topology.HopDistance(device, member) is { } hops && hops <= options.MaxHops && (nearest is null || hops < nearest))
                {
                    nearest = hops;
                }
            }

            if (nearest is { } h)
            {
                best = (options.MaxHops + 1.0 - h) / (options.MaxHops + 1.0);
                relation = h == 0 ? "same device" : $"{h} hop(s)";
            }

            if (best < ServiceRelation && impactedByAlarm.Any(incident.Services.Contains))
            {
                best = ServiceRelation;
                relation = "device carries a service the incident names";
            }
        }

        if (alarm.ServiceId is { } service && best < ServiceRelation
            && (incident.Services.Contains(service) || incident.ImpactedServices.Contains(service)))
        {
            best = ServiceRelation;
            relation = "same service";
        }

        // Devices relate through hops; a shared site only places alarms that name no device (user
        // reports, site-level checks), since unrelated boxes share sites all the time.
        if (alarm.DeviceId is null && alarm.SiteId is { } site && incident.Sites.Contains(site))
        {
            var siteScore = alarm.DeviceId is null ? ReportAtSite : SiteRelation;
            if (best < siteScore)
            {
                best = siteScore;
                relation = "same site";
            }
        }

        return (best, nearest, relation);
    }
}
