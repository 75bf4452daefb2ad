using System.Globalization;
using System.Text;
using Correlation.Cli.Baselines;
using Correlation.Correlator.Operations;

namespace Correlation.Cli.Feedback;

/// <summary>How often a method agrees with one kind of correction, over the alarm pairs the corrections label.</summary>
/// <param name="Pairs">Alarm pairs the corrections label: across the groups of a merge or a split, within the one group of a confirmation.</param>
/// <param name="Agreeing">Of those, the pairs the method put where the operator did: together, or apart for a false merge.</param>
public sealed record FeedbackAgreement(FeedbackLabel Label, int Corrections, long Pairs, long Agreeing)
{
    public double Share => Pairs == 0 ? double.NaN : (double)Agreeing / Pairs;
}

/// <summary>
/// Replays each correction's alarms, on its own, through a method (the engine with candidate rules, say) and
/// measures whether it would have grouped them as the operator did: would the correction have been needed?
/// </summary>
public static class FeedbackEvaluation
{
    public static async Task<IReadOnlyList<FeedbackAgreement>> RunAsync(IReadOnlyList<FeedbackRecord> records, IIncidentAssigner method,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(method);
        var totals = new Dictionary<FeedbackLabel, (int Corrections, long Pairs, long Agreeing)>();
        foreach (var record in records)
        {
            // An alarm named in two groups (it should not be) counts in the first.
            var groupOf = new Dictionary<Guid, int>();
            var alarms = new List<Correlation.Contracts.Alarm>();
            for (var g = 0; g < record.Groups.Count; g++)
            {
                foreach (var alarm in record.Groups[g].Where(a => groupOf.TryAdd(a.Id, g)))
                {
                    alarms.Add(alarm);
                }
            }

            var run = method.Start();
            var assigned = new List<(int Group, string Incident)>();
            foreach (var alarm in alarms.OrderBy(a => a.ObservedAt))
            {
                assigned.Add((groupOf[alarm.Id], await run.AssignAsync(alarm, cancellationToken)));
            }

            var final = assigned.Select(a => (a.Group, Incident: run is IMergingAssignment merging ? merging.FinalIncidentOf(a.Incident) : a.Incident)).ToList();
            long pairs = 0, agreeing = 0;
            for (var i = 0; i < final.Count; i++)
            {
                for (var j = i + 1; j < final.Count; j++)
                {
                    var labelled = record.Label == FeedbackLabel.Correct || final[i].Group != final[j].Group;
                    if (!labelled)
                    {
                        continue;
                    }

                    pairs++;
                    var together = final[i].Incident == final[j].Incident;
                    agreeing += together == (record.Label != FeedbackLabel.FalseMerge) ? 1 : 0;
                }
            }

            var (c, p, a) = totals.GetValueOrDefault(record.Label);
            totals[record.Label] = (c + 1, p + pairs, a + agreeing);
        }

        return [.. totals.OrderBy(t => t.Key).Select(t => new FeedbackAgreement(t.Key, t.Value.Corrections, t.Value.Pairs, t.Value.Agreeing))];
    }

    public static string ToText(string source, string method, IReadOnlyList<FeedbackAgreement> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(inv, $"{source}: {rows.Sum(r => r.Corrections):N0} corrections; would {method} have grouped their alarms as the operators did?");
        text.AppendLine(inv, $"{"label",-14} {"corrections",11} {"pairs",9} {"agreeing",9} {"share",7}");
        foreach (var row in rows)
        {
            var label = row.Label switch
            {
                FeedbackLabel.FalseMerge => "false-merge",
                FeedbackLabel.MissedMerge => "missed-merge",
                _ => "correct",
            };
            text.AppendLine(inv, $"{label,-14} {row.Corrections,11:N0} {row.Pairs,9:N0} {row.Agreeing,9:N0} {(double.IsNaN(row.Share) ? "n/a" : row.Share.ToString("0.000", inv)),7}");
        }

        return text.ToString();
    }
}
