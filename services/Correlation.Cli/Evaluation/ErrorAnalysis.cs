using System.Globalization;
using System.Text;
using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Scoring;

namespace Correlation.Cli.Evaluation;

/// <summary>
/// Where the engine goes wrong on a labelled storm: the largest false merges (incidents that mix true
/// groups, with the alarms that glued another group in and the score that did it) and the worst splits
/// (true groups spread over several incidents, with the alarms that opened apart and the best score they
/// had). Replaying the decisions tracks what each incident held when an alarm joined it, so a glue is
/// the alarm of one group joining (or merging) an incident that another group dominated at that moment.
/// </summary>
public static class ErrorAnalysis
{
    private sealed record Glue(int Line, Alarm Alarm, string Group, string IntoGroup, string How, ScoreBreakdown? Score);

    private sealed record Apart(int Line, Alarm Alarm, string Group, CandidateScore? Best, string? BestGroup);

    public static string Render(IReadOnlyList<Alarm> alarms, IReadOnlyList<string> truth, IReadOnlyList<string> incidents,
        IReadOnlyList<CorrelationDecision> decisions, int count, bool markdown)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(decisions);
        if (alarms.Count != truth.Count || alarms.Count != incidents.Count || alarms.Count != decisions.Count)
        {
            throw new ArgumentException("alarms, truth, incidents and decisions must have one entry per alarm");
        }

        var inv = CultureInfo.InvariantCulture;
        var (glues, aparts) = Replay(alarms, truth, decisions);

        var text = new StringBuilder();
        var nl = markdown ? "  \n" : "\n";
        text.Append('\n');

        // Which relations glue faults together, over the whole storm.
        text.Append(inv, $"{glues.Count:N0} alarms joined or merged an incident another true group dominated; by relation and alarm type:{nl}");
        foreach (var (key, n) in glues.GroupBy(g => RelationKind(g.Score)).Select(g => (g.Key, g.Count())).OrderByDescending(p => p.Item2))
        {
            text.Append(inv, $"  {key}: {n}{nl}");
        }

        text.Append("  types: ").AppendJoin(", ", glues.GroupBy(g => g.Alarm.AlarmType).OrderByDescending(g => g.Count())
            .Select(g => string.Create(inv, $"{g.Key} {g.Count()}"))).Append(nl);
        text.Append("  joining shape -> dominant shape: ").AppendJoin(", ", glues.GroupBy(g => $"{ShapeBreakdown.ShapeOf(g.Group)}->{ShapeBreakdown.ShapeOf(g.IntoGroup)}")
            .OrderByDescending(g => g.Count()).Select(g => string.Create(inv, $"{g.Key} {g.Count()}"))).Append(nl);

        // Largest false merges: incidents ranked by wrongly joined pairs.
        var byIncident = Enumerable.Range(0, alarms.Count).GroupBy(i => incidents[i], StringComparer.Ordinal)
            .Select(g => (Incident: g.Key, Members: g.ToList(), Groups: g.GroupBy(i => truth[i], StringComparer.Ordinal).Select(x => (Group: x.Key, Count: x.Count()))
                .OrderByDescending(x => x.Count).ToList()))
            .Select(x => (x.Incident, x.Members, x.Groups, Wrong: Pairs(x.Members.Count) - x.Groups.Sum(gr => Pairs(gr.Count))))
            .Where(x => x.Wrong > 0)
            .OrderByDescending(x => x.Wrong)
            .Take(count)
            .ToList();
        text.Append(nl).Append(inv, $"largest false merges ({byIncident.Count}):{nl}");
        var rank = 0;
        foreach (var (incident, members, groups, wrong) in byIncident)
        {
            var lines = members.Select(i => i + 1).ToHashSet();
            text.Append(inv, $"{++rank}. {incident}: {members.Count:N0} alarms of {groups.Count} true groups, {wrong:N0} wrong pairs: ")
                .AppendJoin(", ", groups.Take(8).Select(g => string.Create(inv, $"{g.Group} ({g.Count})"))).Append(groups.Count > 8 ? ", …" : "").Append(nl);
            foreach (var glue in glues.Where(g => lines.Contains(g.Line)).Take(6))
            {
                text.Append(inv, $"   line {glue.Line} {glue.Alarm.AlarmType} on {glue.Alarm.Resource} ({glue.Group}) {glue.How} {glue.IntoGroup}: {Describe(glue.Score)}{nl}");
            }
        }

        // Worst splits: true groups ranked by missed pairs.
        var byGroup = Enumerable.Range(0, alarms.Count).GroupBy(i => truth[i], StringComparer.Ordinal)
            .Select(g => (Group: g.Key, Members: g.ToList(), Parts: g.GroupBy(i => incidents[i], StringComparer.Ordinal).Select(x => x.Count()).OrderDescending().ToList()))
            .Select(x => (x.Group, x.Members, x.Parts, Missed: Pairs(x.Members.Count) - x.Parts.Sum(p => Pairs(p))))
            .Where(x => x.Missed > 0)
            .OrderByDescending(x => x.Missed)
            .Take(count)
            .ToList();
        text.Append(nl).Append(inv, $"worst splits ({byGroup.Count}):{nl}");
        rank = 0;
        foreach (var (group, members, parts, missed) in byGroup)
        {
            text.Append(inv, $"{++rank}. {group}: {members.Count:N0} alarms over {parts.Count} incidents (")
                .AppendJoin(", ", parts.Take(8)).Append(parts.Count > 8 ? ", …" : "").Append(inv, $"), {missed:N0} missed pairs{nl}");
            foreach (var apart in aparts.Where(a => a.Group == group).Take(4))
            {
                var best = apart.Best is { } b
                    ? string.Create(inv, $"best candidate {b.IncidentId} (mostly {apart.BestGroup}): {Describe(b.Score)}")
                    : "no candidate";
                text.Append(inv, $"   line {apart.Line} {apart.Alarm.AlarmType} on {apart.Alarm.Resource} opened apart at {apart.Alarm.ObservedAt:HH:mm:ss}; {best}{nl}");
            }
        }

        return text.ToString();
    }

    private static (List<Glue> Glues, List<Apart> Aparts) Replay(IReadOnlyList<Alarm> alarms, IReadOnlyList<string> truth, IReadOnlyList<CorrelationDecision> decisions)
    {
        // What each incident (by its id at the time) holds, per true group.
        var held = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var seenGroups = new HashSet<string>(StringComparer.Ordinal);
        var glues = new List<Glue>();
        var aparts = new List<Apart>();
        for (var i = 0; i < alarms.Count; i++)
        {
            var decision = decisions[i];
            var group = truth[i];
            if (decision.IncidentId is not { } id)
            {
                continue;
            }

            if (!held.TryGetValue(id, out var members))
            {
                held[id] = members = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            var chosen = decision.Candidates.FirstOrDefault(c => c.IncidentId == id)?.Score;
            if (decision.Kind is DecisionKind.Joined or DecisionKind.Merged && Dominant(members) is { } into && into != group && !members.ContainsKey(group))
            {
                glues.Add(new Glue(i + 1, alarms[i], group, into, "joined", chosen));
            }

            foreach (var absorbed in decision.MergedIncidents)
            {
                if (held.Remove(absorbed, out var other))
                {
                    if (Dominant(other) is { } theirs && Dominant(members) is { } ours && theirs != ours)
                    {
                        var score = decision.Candidates.FirstOrDefault(c => c.IncidentId == absorbed)?.Score;
                        glues.Add(new Glue(i + 1, alarms[i], theirs, ours, $"merged {absorbed} into {id}, dominated by", score));
                    }

                    foreach (var (g, n) in other)
                    {
                        members[g] = members.GetValueOrDefault(g) + n;
                    }
                }
            }

            if (decision.Kind == DecisionKind.Opened && seenGroups.Contains(group))
            {
                var best = decision.Candidates.Count > 0 ? decision.Candidates[0] : null;
                aparts.Add(new Apart(i + 1, alarms[i], group, best, best is null ? null : Dominant(held.GetValueOrDefault(best.IncidentId) ?? [])));
            }

            members[group] = members.GetValueOrDefault(group) + 1;
            seenGroups.Add(group);
        }

        return (glues, aparts);
    }

    private static string? Dominant(Dictionary<string, int> members) =>
        members.Count == 0 ? null : members.MaxBy(p => p.Value).Key;

    private static string RelationKind(ScoreBreakdown? score) => score?.Relation switch
    {
        null => "unknown",
        { } r when r.Contains(" hop(s) from ", StringComparison.Ordinal) => r[..r.IndexOf(" from", StringComparison.Ordinal)],
        { } r when r.StartsWith("carries ", StringComparison.Ordinal) => "carries a service of the incident",
        { } r when r.StartsWith("same service ", StringComparison.Ordinal) => "same service",
        { } r when r.EndsWith(" runs on the incident's devices", StringComparison.Ordinal) => "service runs on its devices",
        { } r when r.StartsWith("same site ", StringComparison.Ordinal) => "same site",
        { } r => r,
    };

    private static string Describe(ScoreBreakdown? s) => s is null
        ? "no score (repeat)"
        : string.Create(CultureInfo.InvariantCulture,
            $"{s.Relation}; time {s.Time:F2} topology {s.Topology:F2} text {s.Text:F2}{(s.Affinity is { } a ? $" affinity {a:F2}" : "")} total {s.Total:F2}");

    private static long Pairs(long n) => n * (n - 1) / 2;
}
