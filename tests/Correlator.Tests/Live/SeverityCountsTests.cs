using System.Globalization;
using System.Text.Json;
using Correlation.Contracts;
using Correlation.Correlator.Live;
using Correlation.Correlator.Operations;
using Correlation.Correlator.Rules;
using Correlation.Correlator.Scoring;
using Correlation.Topology;
using StackExchange.Redis;
using static Correlation.Correlator.Tests.Alarms;
using static Correlation.Correlator.Tests.Live.LiveWindow;

namespace Correlation.Correlator.Tests.Live;

/// <summary>
/// The per-severity counts of firing members that each incident keeps beside its members (the 'sev' field), which
/// a clear works the incident's severity out from: they must match the members through raises, repeats at
/// another severity, clears, the engine's merges (either member hash the larger) and operators' merges, splits,
/// moves and forced resolves.
/// </summary>
public class SeverityCountsTests
{
    private static IncidentSnapshot IncidentOf(IReadOnlyList<object> events) => events.Single() switch
    {
        IncidentOpened e => e.Incident,
        IncidentUpdated e => e.Incident,
        IncidentMerged e => e.Incident,
        var other => throw new AssertionException($"unexpected {other.GetType().Name}"),
    };

    /// <summary>The incident's counts, members and active count agree with its member hash.</summary>
    private static async Task AssertCountsMatchMembersAsync(LiveWindow window, Guid incident)
    {
        var db = window.Redis.Database;
        var id = incident.ToString("D");
        var members = await db.HashGetAllAsync(window.Keys.Members(id));
        var expected = members.Where(m => (string)m.Value! != "0").GroupBy(m => (string)m.Value!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var fields = await db.HashGetAsync(window.Keys.Incident(id), ["sev", "members", "active"]);
        Assert.That(fields[0].IsNull, Is.False, "the incident keeps its severity counts");
        var counts = JsonSerializer.Deserialize<Dictionary<string, int>>((string)fields[0]!)!.Where(c => c.Value != 0)
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(counts, Is.EquivalentTo(expected), "firing members by severity");
            Assert.That((int)fields[1], Is.EqualTo(members.Length), "members");
            Assert.That((int)fields[2], Is.EqualTo(expected.Values.Sum()), "active members");
        });
    }

    [Test]
    public async Task Raises_repeats_and_clears_keep_the_counts_and_a_clear_leaves_the_severity_of_the_members_still_firing()
    {
        await using var window = await CreateAsync("sev");
        var correlator = window.NewCorrelator();
        var a = At(0, "leeds-asw-01", "device_unreachable", "lost power", severity: AlarmSeverity.Critical);
        var b = At(2, "leeds-asw-02", "device_unreachable", "lost power", severity: AlarmSeverity.Minor);
        var c = At(4, "leeds-dsw-01", "power_supply_failure", "lost power", severity: AlarmSeverity.Major);
        var steps = new List<(string Step, Alarm Alarm, AlarmSeverity Severity, int Active)>
        {
            ("raise a (critical)", a, AlarmSeverity.Critical, 1),
            ("raise b (minor)", b, AlarmSeverity.Critical, 2),
            ("raise c (major)", c, AlarmSeverity.Critical, 3),
            ("clear a", Clear(a) with { ObservedAt = a.ObservedAt.AddSeconds(10) }, AlarmSeverity.Major, 2),
            ("b again, critical", b with { Id = Guid.NewGuid(), IdempotencyKey = "b-again", ObservedAt = b.ObservedAt.AddSeconds(12), Severity = AlarmSeverity.Critical },
                AlarmSeverity.Critical, 2),
            ("clear b", Clear(b) with { ObservedAt = b.ObservedAt.AddSeconds(14) }, AlarmSeverity.Major, 1),
            // Nothing fires any more: the severity stays what it was.
            ("clear c", Clear(c) with { ObservedAt = c.ObservedAt.AddSeconds(16) }, AlarmSeverity.Major, 0),
            ("a again, warning", a with { Id = Guid.NewGuid(), IdempotencyKey = "a-again", ObservedAt = a.ObservedAt.AddSeconds(18), Severity = AlarmSeverity.Warning },
                AlarmSeverity.Major, 1),
            ("clear a again", Clear(a) with { ObservedAt = a.ObservedAt.AddSeconds(20) }, AlarmSeverity.Major, 0),
        };

        Guid? incident = null;
        foreach (var (step, alarm, severity, active) in steps)
        {
            var snapshot = IncidentOf(await correlator.CorrelateAsync(alarm));
            incident ??= snapshot.IncidentId;
            Assert.That(snapshot.IncidentId, Is.EqualTo(incident), $"{step}: one incident");
            Assert.That((snapshot.Severity, snapshot.ActiveMemberCount, snapshot.MemberCount), Is.EqualTo((severity, active, Math.Min(3, steps.FindIndex(s => s.Step == step) + 1))), step);
            await AssertCountsMatchMembersAsync(window, incident.Value);
        }
    }

    [Test]
    public async Task Several_alarms_of_one_batch_on_one_incident_keep_the_counts()
    {
        await using var window = await CreateAsync("sev-batch");
        var correlator = window.NewCorrelator();
        var leeds = Sample.DevicesAt("leeds");
        var raised = leeds.Select((d, i) => At(i, d.Id, "device_unreachable", "lost power", severity: (AlarmSeverity)(1 + (i % 5)))).ToList();
        var events = await correlator.CorrelateAsync(raised);
        var incident = events.OfType<IncidentOpened>().Single().Incident.IncidentId;
        // In one batch: the most severe ones cleared, one raised again at another severity, and repeated clears.
        var later = raised.Where(r => r.Severity == AlarmSeverity.Critical).Select(r => Clear(r) with { ObservedAt = r.ObservedAt.AddSeconds(60) })
            .Append(raised[0] with { Id = Guid.NewGuid(), IdempotencyKey = "first-again", ObservedAt = raised[0].ObservedAt.AddSeconds(61), Severity = AlarmSeverity.Major })
            .Concat(raised.Where(r => r.Severity == AlarmSeverity.Critical).Select(r => Clear(r) with { ObservedAt = r.ObservedAt.AddSeconds(62) }))
            .ToList();

        var last = (await correlator.CorrelateAsync(later)).Select(e => IncidentOf([e])).MaxBy(s => s.Version)!;

        Assert.That(last.Severity, Is.EqualTo(AlarmSeverity.Major), "the criticals cleared; the first member is major now");
        await AssertCountsMatchMembersAsync(window, incident);
    }

    /// <summary>
    /// Two incidents at the ends of a chain of routers, one with many more members than the other, merged by an alarm
    /// in the middle; members of both, firing or cleared on either side, are laid in by hand (with their conditions),
    /// as a long-running storm leaves them.
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public async Task A_merge_moves_the_members_and_their_counts_whichever_incident_has_more(bool leftLarger)
    {
        var chain = new TopologyBuilder();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            chain.AddDevice(new Device { Id = name, Role = DeviceRole.Router });
        }

        foreach (var (from, to) in new[] { ("a", "b"), ("b", "c"), ("c", "d"), ("d", "e") })
        {
            chain.AddLink(new Link { A = from, B = to });
        }

        await using var window = await CreateAsync("sev-merge", scoring: new ScoringOptions { MaxHops = 3, MergeThreshold = 0.6 }, topology: chain.Build());
        var correlator = window.NewCorrelator();
        var left = IncidentOf(await correlator.CorrelateAsync(At(0, "a", "link_down", "link down"))).IncidentId;
        var right = IncidentOf(await correlator.CorrelateAsync(At(1, "e", "link_down", "link down"))).IncidentId;
        Assert.That(right, Is.Not.EqualTo(left));

        // Shared conditions: (left's value, right's value); then conditions of one side only.
        var shared = new[] { ("5", "3"), ("0", "4"), ("2", "0"), ("0", "0"), ("4", "4"), ("3", "5") };
        var own = leftLarger ? (Left: 40, Right: 3) : (Left: 3, Right: 40);
        var db = window.Redis.Database;
        var fingerprints = new Dictionary<string, Guid>(StringComparer.Ordinal);
        async Task SeedAsync(Guid incident, IEnumerable<(string Fingerprint, string Value)> members)
        {
            var id = incident.ToString("D");
            foreach (var (fingerprint, value) in members)
            {
                await db.HashSetAsync(window.Keys.Members(id), fingerprint, value);
                if (!fingerprints.ContainsKey(fingerprint) || value != "0")
                {
                    fingerprints[fingerprint] = incident;
                }
            }

            var all = await db.HashGetAllAsync(window.Keys.Members(id));
            var firing = all.Select(m => (string)m.Value!).Where(v => v != "0").ToList();
            var counts = firing.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            await db.HashSetAsync(window.Keys.Incident(id),
            [
                new HashEntry("members", all.Length), new HashEntry("active", firing.Count), new HashEntry("sev", JsonSerializer.Serialize(counts)),
                new HashEntry("severity", firing.Max(v => int.Parse(v, CultureInfo.InvariantCulture))),
            ]);
        }

        static string Fp(string device, int i) => $"{device}/interface_errors/port{i}";
        static string Value(int i) => (i % 6).ToString(CultureInfo.InvariantCulture);
        await SeedAsync(left, shared.Select((s, i) => (Fp("b", i), s.Item1)).Concat(Enumerable.Range(0, own.Left).Select(i => (Fp("a", i), Value(i)))));
        await SeedAsync(right, shared.Select((s, i) => (Fp("b", i), s.Item2)).Concat(Enumerable.Range(0, own.Right).Select(i => (Fp("e", i), Value(i)))));
        foreach (var (fingerprint, holder) in fingerprints)
        {
            await db.HashSetAsync(window.Keys.Condition(fingerprint), [new HashEntry("i", holder.ToString("D")), new HashEntry("t", T0.ToUnixTimeMilliseconds())]);
        }

        var before = new Dictionary<Guid, Dictionary<string, string>>();
        foreach (var id in new[] { left, right })
        {
            before[id] = (await db.HashGetAllAsync(window.Keys.Members(id.ToString("D")))).ToDictionary(m => (string)m.Name!, m => (string)m.Value!, StringComparer.Ordinal);
        }

        var middle = At(2, "c", "link_down", "link down");
        var merged = (await correlator.CorrelateAsync(middle)).OfType<IncidentMerged>().Single();
        var survivor = merged.Incident.IncidentId;
        var absorbed = merged.Absorbed.Single().IncidentId;

        // What the merge leaves: the survivor's members, the absorbed one's where the survivor lacks them or has them cleared.
        var expected = new Dictionary<string, string>(before[survivor], StringComparer.Ordinal);
        foreach (var (fingerprint, value) in before[absorbed])
        {
            if (!expected.TryGetValue(fingerprint, out var had) || had == "0")
            {
                expected[fingerprint] = value;
            }
        }

        expected[middle.Fingerprint] = ((int)middle.Severity).ToString(CultureInfo.InvariantCulture);
        var after = (await db.HashGetAllAsync(window.Keys.Members(survivor.ToString("D")))).ToDictionary(m => (string)m.Name!, m => (string)m.Value!, StringComparer.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(after, Is.EquivalentTo(expected), "the members after the merge");
            Assert.That(merged.Incident.MemberCount, Is.EqualTo(expected.Count));
            Assert.That(merged.Incident.ActiveMemberCount, Is.EqualTo(expected.Values.Count(v => v != "0")));
        });
        Assert.That(await db.KeyExistsAsync(window.Keys.Members(absorbed.ToString("D"))), Is.False, "the absorbed incident keeps no members");
        await AssertCountsMatchMembersAsync(window, survivor);

        // Every critical member cleared: the severity is the highest still firing.
        var time = 10;
        foreach (var fingerprint in expected.Where(m => m.Value == "5").Select(m => m.Key).ToList())
        {
            var parts = fingerprint.Split('/');
            await correlator.CorrelateAsync(At(time++, parts[0], parts[1], instance: parts[2], status: AlarmStatus.Cleared));
        }

        var clearedAll = await db.HashGetAsync(window.Keys.Incident(survivor.ToString("D")), "severity");
        Assert.That((int)clearedAll, Is.EqualTo(4), "majors still fire");
        await AssertCountsMatchMembersAsync(window, survivor);
    }

    [Test]
    public async Task Operators_merges_splits_moves_and_forced_resolves_keep_the_counts()
    {
        await using var window = await CreateAsync("sev-ops");
        var correlator = window.NewCorrelator();
        var actions = new OperatorActions(window.Redis.Connection, window.Keys, correlator, new FeedbackStore(window.Redis.Connection, window.Keys),
            Microsoft.Extensions.Options.Options.Create(window.Options), new ActiveRules(Microsoft.Extensions.Options.Options.Create(window.Scoring)), window.Time);
        var cpu = At(0, "leeds-asw-01", "high_cpu", "CPU 100% on access switch", severity: AlarmSeverity.Critical);
        var loss = At(5, "leeds-asw-02", "packet_loss", "packet loss to core on access switch", severity: AlarmSeverity.Minor);
        var leeds = IncidentOf(await correlator.CorrelateAsync(cpu)).IncidentId;
        Assert.That(IncidentOf(await correlator.CorrelateAsync(loss)).IncidentId, Is.EqualTo(leeds));
        var bristol = IncidentOf(await correlator.CorrelateAsync(At(6, "bristol-asw-02", "interface_errors", "CRC errors on uplink", severity: AlarmSeverity.Warning))).IncidentId;

        var split = (await actions.SplitAsync(new SplitIncident(leeds, [loss.Fingerprint], "bob", null, T0))).Events.OfType<AlarmsMoved>().Single();
        await AssertCountsMatchMembersAsync(window, leeds);
        await AssertCountsMatchMembersAsync(window, split.To.IncidentId);

        var moved = (await actions.MoveAsync(new MoveAlarms(split.To.IncidentId, bristol, [loss.Fingerprint], "bob", null, T0))).Events.OfType<AlarmsMoved>().Single();
        Assert.That(moved.To.IncidentId, Is.EqualTo(bristol));
        await AssertCountsMatchMembersAsync(window, bristol);

        var merged = (await actions.MergeAsync(new MergeIncidents(leeds, [bristol], "ann", null, T0))).Events.OfType<IncidentMerged>().Single();
        Assert.That(merged.Incident.ActiveMemberCount, Is.EqualTo(3));
        await AssertCountsMatchMembersAsync(window, leeds);

        await actions.ResolveAsync(new ResolveIncident(leeds, true, "eve", "maintenance", T0));
        await AssertCountsMatchMembersAsync(window, leeds);

        // Raised again after the forced resolve: the counts carry on from the operator's.
        var back = IncidentOf(await correlator.CorrelateAsync(loss with { Id = Guid.NewGuid(), IdempotencyKey = "loss-again", ObservedAt = loss.ObservedAt.AddSeconds(60) }));
        Assert.That((back.IncidentId, back.ActiveMemberCount), Is.EqualTo((leeds, 1)));
        await AssertCountsMatchMembersAsync(window, leeds);
        var cleared = IncidentOf(await correlator.CorrelateAsync(Clear(loss) with { ObservedAt = loss.ObservedAt.AddSeconds(70) }));
        Assert.That(cleared.ActiveMemberCount, Is.Zero);
        await AssertCountsMatchMembersAsync(window, leeds);
    }

    [Test]
    public async Task An_incident_stored_without_counts_is_counted_from_its_members_when_next_touched()
    {
        await using var window = await CreateAsync("sev-legacy");
        var correlator = window.NewCorrelator();
        var a = At(0, "leeds-asw-01", "device_unreachable", "lost power", severity: AlarmSeverity.Critical);
        var b = At(2, "leeds-asw-02", "device_unreachable", "lost power", severity: AlarmSeverity.Minor);
        var incident = IncidentOf(await correlator.CorrelateAsync(a)).IncidentId;
        await correlator.CorrelateAsync(b);
        await window.Redis.Database.HashDeleteAsync(window.Keys.Incident(incident.ToString("D")), "sev");

        var cleared = IncidentOf(await correlator.CorrelateAsync(Clear(a) with { ObservedAt = a.ObservedAt.AddSeconds(10) }));

        Assert.That((cleared.Severity, cleared.ActiveMemberCount), Is.EqualTo((AlarmSeverity.Minor, 1)));
        await AssertCountsMatchMembersAsync(window, incident);
    }
}
