using System.Globalization;
using System.Text;
using Correlation.Contracts;

namespace Correlation.Faults.Tests;

/// <summary>One stretch of the run: the alarms sent from <see cref="FromSeq"/> up to <see cref="ToSeq"/> (exclusive) while <see cref="Fault"/> was injected.</summary>
internal sealed record Phase(string Fault, int FromSeq, int ToSeq, TimeSpan Outage);

/// <summary>
/// Every alarm of the run accounted for, per phase (fault), from what the pipeline published and what the
/// webhook received:
/// - delivered: accepted by ingest (202) and carried by at least one incident event;
/// - lost: accepted, and carried by no incident event;
/// - duplicated: in two incidents that were never merged, or applied twice (an incident counts more alarms
///   than the distinct alarms it was sent, which only a second application of one alarm explains);
/// - unexpected: carried by an incident event but not part of the storm, or never accepted by ingest.
/// Incidents against the storm's ground truth (every fault is one incident): duplicated incidents are the
/// extra incidents a fault was split into; mixed incidents hold alarms of more than one fault.
/// Notifications: IncidentRouted repeated for the same incident version and triage decision (the bus's
/// at-least-once: a consumer keeps the newest by version); webhook notifications with different keys for one
/// incident version, decision and kind (a duplicate a person sees twice); routes to the webhook that never
/// reached it (missing); and the same notification (same Idempotency-Key) delivered again (an at-least-once
/// resend, which the key lets the receiver drop).
/// </summary>
internal sealed class Accounting
{
    private Accounting(IReadOnlyList<PhaseFigures> phases, IReadOnlyList<string> problems, IReadOnlyList<string> partition)
    {
        Phases = phases;
        Problems = problems;
        Partition = partition;
    }

    public IReadOnlyList<PhaseFigures> Phases { get; }

    /// <summary>The individual findings behind the figures (which alarm, which incident), for the test output.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>
    /// How the pipeline partitioned the storm's alarms: for each incident (merges followed to the survivor), the
    /// sequence numbers of the alarms it holds, ascending and comma-separated; the list sorted.
    /// </summary>
    public IReadOnlyList<string> Partition { get; }

    /// <summary>The faults the pipeline split into several incidents, with those incidents.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<Guid>> Splits { get; private init; } = new Dictionary<int, IReadOnlyList<Guid>>();

    /// <summary>The ground truth's partition of the alarms accepted among the first <paramref name="sent"/>, as <see cref="Partition"/> writes it: one group per fault.</summary>
    public static IReadOnlyList<string> TruePartition(IReadOnlyList<SentAlarm> sent, int upTo) =>
        Groups(sent.Take(upTo).Where(s => s.Ids.Count > 0).GroupBy(s => s.Alarm.Fault).Select(g => g.Select(s => s.Alarm.Seq)));

    private static List<string> Groups(IEnumerable<IEnumerable<int>> groups) =>
        [.. groups.Select(g => string.Join(',', g.Order())).Order(StringComparer.Ordinal)];

    public PhaseFigures Total => new("all", Phases.Sum(p => p.Alarms), Phases.Sum(p => p.Delivered), Phases.Sum(p => p.Lost),
        Phases.Sum(p => p.Duplicated), Phases.Sum(p => p.Unexpected), Phases.Sum(p => p.Faults), Phases.Sum(p => p.Incidents),
        Phases.Sum(p => p.DuplicatedIncidents), Phases.Sum(p => p.MixedIncidents), Phases.Sum(p => p.Routed), Phases.Sum(p => p.RoutedRepeats),
        Phases.Sum(p => p.Notifications), Phases.Sum(p => p.DuplicateNotifications), Phases.Sum(p => p.Resent), Phases.Sum(p => p.MissingNotifications), TimeSpan.Zero);

    public static Accounting Count(FaultStorm storm, IReadOnlyList<SentAlarm> sent, IReadOnlyList<Phase> phases,
        IReadOnlyCollection<IncidentEvent> events, IReadOnlyCollection<IncidentTriaged> triaged, IReadOnlyCollection<IncidentRouted> routed,
        IReadOnlyCollection<WebhookDelivery> webhooks)
    {
        var problems = new List<string>();
        int PhaseOf(int seq) => phases.Select((p, i) => (p, i)).First(x => seq >= x.p.FromSeq && seq < x.p.ToSeq).i;

        // Merges: an absorbed incident's alarms are the survivor's.
        var mergedInto = new Dictionary<Guid, Guid>();
        foreach (var e in events)
        {
            foreach (var absorbed in e.Absorbed)
            {
                mergedInto[absorbed.IncidentId] = e.Incident.IncidentId;
            }
        }

        Guid Final(Guid id)
        {
            for (var hop = 0; hop < 1000 && mergedInto.TryGetValue(id, out var into); hop++)
            {
                id = into;
            }

            return id;
        }

        var latest = new Dictionary<Guid, IncidentSnapshot>();
        foreach (var snapshot in events.SelectMany(e => e.Absorbed.Append(e.Incident)))
        {
            if (!latest.TryGetValue(snapshot.IncidentId, out var known) || snapshot.Version > known.Version)
            {
                latest[snapshot.IncidentId] = snapshot;
            }
        }

        // Which incidents each alarm (by sequence number) was carried into, and alarms nobody sent.
        var carried = new Dictionary<int, HashSet<Guid>>();
        var unexpectedOutside = 0;
        foreach (var e in events)
        {
            foreach (var alarm in e.Alarms)
            {
                if (!alarm.Labels.TryGetValue("seq", out var text) || !int.TryParse(text, CultureInfo.InvariantCulture, out var seq)
                    || seq < 0 || seq >= sent.Count)
                {
                    unexpectedOutside++;
                    problems.Add($"unexpected: alarm {alarm.Id} ({alarm.Resource} {alarm.AlarmType}) is not part of the storm");
                    continue;
                }

                if (!carried.TryGetValue(seq, out var into))
                {
                    carried[seq] = into = [];
                }

                into.Add(e.Incident.IncidentId);
            }
        }

        var finalOf = new Dictionary<int, HashSet<Guid>>();
        foreach (var (seq, incidents) in carried)
        {
            finalOf[seq] = [.. incidents.Select(Final)];
        }

        var figures = phases.Select(p => new Counter(p)).ToArray();
        foreach (var s in sent)
        {
            var seq = s.Alarm.Seq;
            if (seq >= phases[^1].ToSeq)
            {
                continue;
            }

            var phase = figures[PhaseOf(seq)];
            var accepted = s.Ids.Count > 0;
            var seen = finalOf.TryGetValue(seq, out var finals);
            if (accepted)
            {
                phase.Alarms++;
            }

            if (accepted && !seen)
            {
                phase.Lost++;
                problems.Add($"lost: alarm {seq} (fault {s.Alarm.Fault}, ids {string.Join(", ", s.Ids)}) was accepted and is in no incident event");
            }
            else if (!accepted && seen)
            {
                phase.Unexpected++;
                problems.Add($"unexpected: alarm {seq} was never accepted by ingest, yet is in incident {string.Join(", ", finals!)}");
            }
            else if (seen)
            {
                phase.Delivered++;
                if (finals!.Count > 1)
                {
                    phase.Duplicated++;
                    problems.Add($"duplicated: alarm {seq} (fault {s.Alarm.Fault}) is in {finals.Count} incidents: {string.Join(", ", finals)}");
                }
            }
        }

        // Ground truth: each fault one incident. A fault's figures count in the phase its first alarm was sent in.
        var faultOf = sent.ToDictionary(s => s.Alarm.Seq, s => s.Alarm.Fault);
        var seqsOfIncident = new Dictionary<Guid, List<int>>();
        foreach (var (seq, finals) in finalOf)
        {
            foreach (var id in finals)
            {
                if (!seqsOfIncident.TryGetValue(id, out var list))
                {
                    seqsOfIncident[id] = list = [];
                }

                list.Add(seq);
            }
        }

        var incidentFault = seqsOfIncident.ToDictionary(kv => kv.Key,
            kv => kv.Value.GroupBy(seq => faultOf[seq]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key);
        var firstSeqOfFault = storm.Alarms.GroupBy(a => a.Fault).ToDictionary(g => g.Key, g => g.Min(a => a.Seq));
        int PhaseOfFault(int fault) => PhaseOf(firstSeqOfFault[fault]);
        var splits = new Dictionary<int, IReadOnlyList<Guid>>();
        foreach (var fault in storm.Alarms.Where(a => a.Seq < phases[^1].ToSeq).Select(a => a.Fault).Distinct())
        {
            var phase = figures[PhaseOfFault(fault)];
            phase.Faults++;
            var incidents = seqsOfIncident.Where(kv => kv.Value.Any(seq => faultOf[seq] == fault)).Select(kv => kv.Key).ToList();
            phase.Incidents += incidents.Count(id => incidentFault[id] == fault);
            if (incidents.Count > 1)
            {
                splits[fault] = incidents;
                phase.DuplicatedIncidents += incidents.Count - 1;
                problems.Add($"duplicated incident: fault {fault} is in {incidents.Count} incidents: {string.Join(", ", incidents)}");
            }
        }

        foreach (var (id, seqs) in seqsOfIncident)
        {
            var faults = seqs.Select(seq => faultOf[seq]).Distinct().Count();
            if (faults > 1)
            {
                figures[PhaseOfFault(incidentFault[id])].MixedIncidents++;
                problems.Add($"mixed: incident {id} holds alarms of {faults} faults");
            }

            // Each alarm applied once: the incident counts exactly the distinct alarms it was sent (repeats included).
            if (latest.TryGetValue(id, out var snapshot) && snapshot.AlarmCount > seqs.Count)
            {
                var extra = snapshot.AlarmCount - seqs.Count;
                figures[PhaseOfFault(incidentFault[id])].Duplicated += extra;
                problems.Add($"duplicated: incident {id} counts {snapshot.AlarmCount} alarms at version {snapshot.Version}, but only {seqs.Count} distinct alarms reached it");
            }
        }

        // Notifications, by the fault of their (final) incident.
        Counter? PhaseOfIncident(Guid incident) =>
            incidentFault.TryGetValue(Final(incident), out var fault) ? figures[PhaseOfFault(fault)] : null;

        // A decision published twice (a redelivery, or two triage instances both publishing the one they stored) is one decision.
        var triageAt = triaged.GroupBy(t => (t.IncidentId, t.IncidentVersion)).ToDictionary(g => g.Key, g => g.Select(t => t.TriagedAt).Distinct().Count());
        foreach (var group in routed.GroupBy(r => (r.IncidentId, r.IncidentVersion)))
        {
            var phase = PhaseOfIncident(group.Key.IncidentId);
            if (phase is null)
            {
                problems.Add($"unexpected: IncidentRouted for incident {group.Key.IncidentId}, which holds no alarm of the storm");
                continue;
            }

            phase.Routed += group.Count();
            // Triage may decide more than once at one version (a late event of a merged incident); each decision is routed once.
            var decisions = triageAt.GetValueOrDefault(group.Key, 1);
            if (group.Count() > decisions)
            {
                phase.RoutedRepeats += group.Count() - decisions;
                problems.Add($"repeated route: incident {group.Key.IncidentId} version {group.Key.IncidentVersion} routed {group.Count()} times for {decisions} triage decision(s)");
            }
        }

        foreach (var group in webhooks.GroupBy(w => (w.IncidentId, w.IncidentVersion, w.Kind)))
        {
            var phase = PhaseOfIncident(group.Key.IncidentId);
            if (phase is null)
            {
                problems.Add($"unexpected: webhook for incident {group.Key.IncidentId}, which holds no alarm of the storm");
                continue;
            }

            var keys = group.Select(w => w.Key).Distinct().Count();
            phase.Notifications += keys;
            var decisions = group.Key.Kind == "Routed" ? triageAt.GetValueOrDefault((group.Key.IncidentId, group.Key.IncidentVersion), 1) : 1;
            if (keys > decisions)
            {
                phase.DuplicateNotifications += keys - decisions;
                problems.Add($"duplicate notification: incident {group.Key.IncidentId} version {group.Key.IncidentVersion} {group.Key.Kind}: {keys} notifications for {decisions} decision(s)");
            }

            phase.Resent += group.Count() - keys;
        }

        // Every route that names the webhook must reach it: a notification kept in the outbox is not lost.
        var notified = webhooks.Where(w => w.Kind == "Routed").Select(w => (w.IncidentId, w.IncidentVersion)).ToHashSet();
        foreach (var route in routed.Where(r => !r.Suppressed && r.Destinations.Any(d => d.StartsWith("webhook:", StringComparison.Ordinal)))
                     .Select(r => (r.IncidentId, r.IncidentVersion)).Distinct())
        {
            if (!notified.Contains(route) && PhaseOfIncident(route.IncidentId) is { } phase)
            {
                phase.MissingNotifications++;
                problems.Add($"missing notification: incident {route.IncidentId} version {route.IncidentVersion} was routed to the webhook, which never got it");
            }
        }

        if (unexpectedOutside > 0)
        {
            figures[^1].Unexpected += unexpectedOutside;
        }

        return new Accounting([.. figures.Select(f => f.Figures())], problems, Groups(seqsOfIncident.Values)) { Splits = splits };
    }

    /// <summary>The table, in Markdown, one row per fault and the total.</summary>
    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| fault | outage s | alarms | delivered | lost | duplicated | unexpected | faults (truth) | incidents | duplicated incidents | mixed incidents | routed | routed again | notifications | missing notifications | duplicate notifications | resent (same key) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in Phases.Append(Total))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Fault} | {(p.Outage > TimeSpan.Zero ? p.Outage.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) : "")} | {p.Alarms} | {p.Delivered} | {p.Lost} | {p.Duplicated} | {p.Unexpected} | {p.Faults} | {p.Incidents} | {p.DuplicatedIncidents} | {p.MixedIncidents} | {p.Routed} | {p.RoutedRepeats} | {p.Notifications} | {p.MissingNotifications} | {p.DuplicateNotifications} | {p.Resent} |");
        }

        return text.ToString();
    }

    private sealed class Counter(Phase phase)
    {
        public int Alarms;
        public int Delivered;
        public int Lost;
        public int Duplicated;
        public int Unexpected;
        public int Faults;
        public int Incidents;
        public int DuplicatedIncidents;
        public int MixedIncidents;
        public int Routed;
        public int RoutedRepeats;
        public int Notifications;
        public int DuplicateNotifications;
        public int Resent;
        public int MissingNotifications;

        public PhaseFigures Figures() => new(phase.Fault, Alarms, Delivered, Lost, Duplicated, Unexpected, Faults, Incidents, DuplicatedIncidents,
            MixedIncidents, Routed, RoutedRepeats, Notifications, DuplicateNotifications, Resent, MissingNotifications, phase.Outage);
    }
}

internal sealed record PhaseFigures(string Fault, int Alarms, int Delivered, int Lost, int Duplicated, int Unexpected, int Faults, int Incidents,
    int DuplicatedIncidents, int MixedIncidents, int Routed, int RoutedRepeats, int Notifications, int DuplicateNotifications, int Resent,
    int MissingNotifications, TimeSpan Outage);
