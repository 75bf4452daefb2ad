using Correlation.Contracts;
using Correlation.Correlator.Engine;
using Correlation.Correlator.Live;
using Correlation.Correlator.Scoring;
using Correlation.Topology;
using static Correlation.Correlator.Tests.Alarms;
using static Correlation.Correlator.Tests.Live.LiveWindow;

namespace Correlation.Correlator.Tests.Live;

/// <summary>
/// Three correlators on one Redis, deciding at the same time: the same storm must give the same
/// incidents as one correlator, and a race must never open two incidents for one fault.
/// </summary>
public class MultiInstanceTests
{
    private static IncidentSnapshot IncidentOf(IReadOnlyList<object> events) => events.Single() switch
    {
        IncidentOpened e => e.Incident,
        IncidentUpdated e => e.Incident,
        IncidentMerged e => e.Incident,
        var other => throw new AssertionException($"unexpected {other.GetType().Name}"),
    };

    /// <summary>Two faults at once at opposite ends of the network: Leeds loses power, Bristol's access switches error.</summary>
    private static List<Alarm> Storm()
    {
        var sample = CmdbLoader.Load(SampleCmdb);
        var alarms = new List<Alarm>();
        var leeds = sample.DevicesAt("leeds");
        alarms.AddRange(leeds.Select((d, i) => At(i * 2, d.Id, "device_unreachable", $"{d.Id} not answering polls")));
        alarms.Add(At(1, "bristol-asw-02", "high_cpu", "CPU at 100% on bristol-asw-02"));
        alarms.Add(At(9, "bristol-asw-02", "packet_loss", "packet loss on bristol-asw-02"));
        alarms.Add(At(3, "bristol-asw-02", "interface_errors", "CRC errors on uplink"));
        alarms.Add(At(11, "bristol-asw-01", "interface_errors", "CRC errors on uplink"));
        return alarms;
    }

    private static string SiteOf(Alarm alarm) => alarm.Resource.Split('-')[0];

    [Test]
    public async Task Three_correlators_deciding_at_once_give_the_incidents_one_correlator_gives()
    {
        var storm = Storm();
        await using var alone = await CreateAsync("one");
        var single = alone.NewCorrelator();
        var byOne = new Dictionary<Guid, Guid>();
        foreach (var alarm in storm.OrderBy(a => a.ObservedAt))
        {
            byOne[alarm.Id] = IncidentOf(await single.CorrelateAsync(alarm)).IncidentId;
        }

        await using var shared = await CreateAsync("three");
        var correlators = Enumerable.Range(0, 3).Select(_ => shared.NewCorrelator()).ToList();
        var byThree = new System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid>();
        // Each correlator takes every third alarm, all three at once, each with many in flight.
        await Task.WhenAll(storm.Select((alarm, i) => Task.Run(async () =>
            byThree[alarm.Id] = IncidentOf(await correlators[i % 3].CorrelateAsync(alarm)).IncidentId)));

        Assert.That(Partition(storm, byOne), Has.Count.EqualTo(2));
        Assert.That(Partition(storm, byThree), Is.EquivalentTo(Partition(storm, byOne)));
        foreach (var group in Partition(storm, byOne))
        {
            Assert.That(group.Select(SiteOf).Distinct().Count(), Is.EqualTo(1), "each incident is one site's fault");
        }
    }

    [Test]
    public async Task Two_hundred_alarms_of_one_fault_over_three_correlators_open_exactly_one_incident()
    {
        await using var shared = await CreateAsync("race");
        var correlators = Enumerable.Range(0, 3).Select(_ => shared.NewCorrelator()).ToList();
        var leeds = CmdbLoader.Load(SampleCmdb).DevicesAt("leeds");
        var alarms = Enumerable.Range(0, 200)
            .Select(i => At(i % 30, leeds[i % leeds.Count].Id, $"alarm_{i}", "lost power") with { Fingerprint = $"fp-{i}" })
            .ToList();

        var events = await Task.WhenAll(alarms.Select((alarm, i) => Task.Run(() => correlators[i % 3].CorrelateAsync(alarm))));
        var snapshots = events.Select(IncidentOf).ToList();

        Assert.That(events.SelectMany(e => e).OfType<IncidentOpened>().Count(), Is.EqualTo(1));
        Assert.That(snapshots.Select(s => s.IncidentId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(snapshots.Select(s => s.Version).Order(), Is.EqualTo(Enumerable.Range(1, 200).Select(v => (long)v)),
            "every alarm was applied exactly once, one version each");
        Assert.That(snapshots.Max(s => s.AlarmCount), Is.EqualTo(200));
    }

    [Test]
    public async Task A_correlator_behind_another_by_hours_of_observed_time_still_finds_the_incident_of_its_alarms()
    {
        // Working off a backlog, observed time runs far ahead of the wall clock: one correlator decides an alarm of
        // the same site observed two hours on (a later fault) while the other still holds one observed seconds after
        // the first. The first's read must not drop the older incident from the site's index (it was changed moments
        // ago), or the second opens a second incident for the same fault.
        await using var shared = await CreateAsync("behind");
        var (ahead, behind) = (shared.NewCorrelator(), shared.NewCorrelator());
        var leeds = CmdbLoader.Load(SampleCmdb).DevicesAt("leeds");
        var first = IncidentOf(await behind.CorrelateAsync(At(0, leeds[0].Id, "device_unreachable", "not answering polls")));
        var later = IncidentOf(await ahead.CorrelateAsync(At(7200, leeds[2].Id, "device_unreachable", "not answering polls")));
        var second = IncidentOf(await behind.CorrelateAsync(At(6, leeds[1].Id, "device_unreachable", "not answering polls")));

        Assert.Multiple(() =>
        {
            Assert.That(later.IncidentId, Is.Not.EqualTo(first.IncidentId), "two hours apart: another fault");
            Assert.That(second.IncidentId, Is.EqualTo(first.IncidentId), "the same fault's second alarm joins its incident");
            Assert.That(second.AlarmCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task An_alarm_that_ties_two_incidents_merges_them_and_later_alarms_find_the_survivor()
    {
        var chain = new TopologyBuilder();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            chain.AddDevice(new Device { Id = name, Role = DeviceRole.Router });
        }

        foreach (var (a, b) in new[] { ("a", "b"), ("b", "c"), ("c", "d"), ("d", "e") })
        {
            chain.AddLink(new Link { A = a, B = b });
        }

        await using var window = await CreateAsync("merge", scoring: new ScoringOptions { MaxHops = 3, MergeThreshold = 0.6 }, topology: chain.Build());
        var correlator = window.NewCorrelator();
        var left = IncidentOf(await correlator.CorrelateAsync(At(0, "a", "link_down", "link down")));
        var right = IncidentOf(await correlator.CorrelateAsync(At(1, "e", "link_down", "link down")));
        var merged = (await correlator.CorrelateAsync(At(2, "c", "link_down", "link down"))).OfType<IncidentMerged>().Single();
        var repeat = IncidentOf(await correlator.CorrelateAsync(At(20, "e", "link_down", "link down")));

        Assert.That(right.IncidentId, Is.Not.EqualTo(left.IncidentId));
        var survivor = merged.Incident.IncidentId;
        var absorbed = merged.Absorbed.Single();
        Assert.Multiple(() =>
        {
            Assert.That(new[] { survivor, absorbed.IncidentId }, Is.EquivalentTo(new[] { left.IncidentId, right.IncidentId }));
            Assert.That(absorbed.State, Is.EqualTo(IncidentState.Merged));
            Assert.That(absorbed.Version, Is.EqualTo(2), "the absorbed incident's last version says it was merged");
            Assert.That(merged.Incident.AlarmCount, Is.EqualTo(3));
            Assert.That(merged.Incident.MemberCount, Is.EqualTo(3));
            Assert.That(repeat.IncidentId, Is.EqualTo(survivor), "a repeat of an absorbed incident's condition finds the survivor");
            Assert.That(repeat.MemberCount, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task An_alarm_tying_an_incident_already_routed_links_the_two_as_related_instead_of_merging()
    {
        var chain = new TopologyBuilder();
        foreach (var name in new[] { "a", "b", "c", "d", "e" })
        {
            chain.AddDevice(new Device { Id = name, Role = DeviceRole.Router });
        }

        foreach (var (a, b) in new[] { ("a", "b"), ("b", "c"), ("c", "d"), ("d", "e") })
        {
            chain.AddLink(new Link { A = a, B = b });
        }

        var scoring = new ScoringOptions { MaxHops = 3, MergeThreshold = 0.6, MergeUntil = IncidentStage.Triaged };
        await using var window = await CreateAsync("related", scoring: scoring, topology: chain.Build());
        var correlator = window.NewCorrelator();
        var left = IncidentOf(await correlator.CorrelateAsync(At(0, "a", "link_down", "link down")));
        var right = IncidentOf(await correlator.CorrelateAsync(At(1, "e", "link_down", "link down")));
        // The older incident has been routed: people are working it.
        await window.Redis.Database.HashSetAsync(window.Keys.Incident(left.IncidentId.ToString("D")), "stage", (int)IncidentStage.Routed);

        var tie = At(2, "c", "link_down", "link down");
        var events = await correlator.CorrelateAsync(tie);

        Assert.That(events.OfType<IncidentMerged>(), Is.Empty);
        var joined = IncidentOf(events).IncidentId;
        Assert.That(new[] { left.IncidentId, right.IncidentId }, Does.Contain(joined));
        var other = joined == left.IncidentId ? right.IncidentId : left.IncidentId;
        var related = await window.Redis.Database.SetMembersAsync(window.Keys.Incident(joined.ToString("D")) + ":related");
        Assert.That(related.Select(r => (string?)r), Is.EqualTo(new[] { other.ToString("D") }));
        var back = await window.Redis.Database.SetMembersAsync(window.Keys.Incident(other.ToString("D")) + ":related");
        Assert.That(back.Select(r => (string?)r), Is.EqualTo(new[] { joined.ToString("D") }));
        var record = System.Text.Json.JsonSerializer.Deserialize<Explanation>(
            (string)(await window.Redis.Database.StringGetAsync(window.Keys.Explanation(tie.Id)))!, ExplanationJson.Options)!;
        Assert.That(record.Related, Is.EqualTo(new[] { other.ToString("D") }));
        Assert.That(record.Reason, Does.Contain("linked as related"));
    }

    [Test]
    public async Task While_another_correlator_holds_the_window_nothing_else_is_stored_and_the_alarm_waits_its_turn()
    {
        await using var shared = await CreateAsync("hold");
        var key = shared.Keys.Root + "exclusive";
        await shared.Redis.Database.StringSetAsync(key, "another-correlator", TimeSpan.FromMinutes(1));

        var deciding = shared.NewCorrelator().CorrelateAsync(At(0, "york-asw-01", "high_cpu", "CPU at 100%"));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.That(deciding.IsCompleted, Is.False, "refused while the other holds the window");
        Assert.That(await shared.Redis.KeysAsync("*inc:*"), Is.Empty);

        await shared.Redis.Database.KeyDeleteAsync(key);
        var events = await deciding.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(events.OfType<IncidentOpened>().Count(), Is.EqualTo(1));
        Assert.That(await shared.Redis.Database.KeyExistsAsync(key), Is.False, "its own hold is released");
    }

    [Test]
    public async Task Batches_handed_in_while_earlier_ones_are_still_being_stored_decide_as_batches_one_at_a_time()
    {
        // Every site's devices stop answering in turn (twenty minutes apart, so each site is one incident), some
        // repeat and one clears: incidents run across batch boundaries, so a batch's view must hold what the
        // batches before it decided.
        var sample = CmdbLoader.Load(SampleCmdb);
        var storm = new List<Alarm>();
        foreach (var (site, s) in sample.Sites.Select((site, s) => (site, s)))
        {
            var devices = sample.DevicesAt(site.Id);
            storm.AddRange(devices.Select((d, i) => At((s * 1200) + (i * 4), d.Id, "device_unreachable", $"{d.Id} not answering polls")));
            storm.AddRange(devices.Take(2).Select((d, i) => At((s * 1200) + 30 + i, d.Id, "device_unreachable", $"{d.Id} not answering polls")));
        }

        storm.Add(Clear(storm[0]) with { ObservedAt = storm[0].ObservedAt.AddSeconds(50) });
        var batches = storm.OrderBy(a => a.ObservedAt).Chunk(3).ToList();
        var decider = new Decider(sample, new ScoringOptions());

        // The decision records are slow to write, so each batch reads while the one before it is still deciding
        // (its commit not sent yet): it can only decide right on that batch's decisions laid over what it read.
        static string Record(AlarmContext alarm, CorrelationDecision decision)
        {
            Thread.Sleep(20);
            return $$"""{"attempts":{{decision.Attempts}}}""";
        }

        async Task<(Dictionary<Guid, Guid> IncidentOf, List<int> Attempts)> DecideAsync(string name, bool waitForEach)
        {
            await using var live = await CreateAsync(name);
            var window = new RedisBatchWindow(live.Redis.Connection, live.Keys, live.Options, live.Time);
            var running = new List<Task<IReadOnlyList<(LiveCommit Stored, CorrelationDecision? Decision)>>>();
            foreach (var batch in batches)
            {
                running.Add(window.CorrelateAsync(decider, [.. batch.Select(decider.Prepare)], Record, _ => null));
                if (waitForEach)
                {
                    await running[^1];
                }
            }

            var incidentOf = new Dictionary<Guid, Guid>();
            foreach (var (batch, results) in batches.Zip(await Task.WhenAll(running)))
            {
                foreach (var (alarm, (stored, _)) in batch.Zip(results))
                {
                    incidentOf[alarm.Id] = stored.Incident!.IncidentId;
                }
            }

            var attempts = new List<int>();
            foreach (var alarm in storm)
            {
                var record = (string?)await live.Redis.Database.StringGetAsync(live.Keys.Root + "x:" + alarm.Id.ToString("D"));
                attempts.Add(System.Text.Json.JsonDocument.Parse(record!).RootElement.GetProperty("attempts").GetInt32());
            }

            return (incidentOf, attempts);
        }

        var one = await DecideAsync("batches-one", waitForEach: true);
        var piped = await DecideAsync("batches-piped", waitForEach: false);

        Assert.Multiple(() =>
        {
            Assert.That(Partition(storm, one.IncidentOf), Has.Count.EqualTo(sample.Sites.Count(site => sample.DevicesAt(site.Id).Count > 0)));
            Assert.That(Groups(storm, piped.IncidentOf), Is.EquivalentTo(Groups(storm, one.IncidentOf)));
            // Decided on views laid over the commits still on their way, not refused and decided again.
            Assert.That(piped.Attempts, Is.All.EqualTo(1));
        });
    }

    /// <summary>The partition as one line per incident, its alarms named by resource and time (short enough to read in a failure).</summary>
    private static List<string> Groups(List<Alarm> storm, IDictionary<Guid, Guid> incidentOf) =>
        [.. Partition(storm, incidentOf).Select(g => string.Join(", ", g.OrderBy(a => a.ObservedAt).Select(a => $"{a.Resource}@{a.ObservedAt:mm:ss}")))];

    private static List<List<Alarm>> Partition(List<Alarm> storm, IDictionary<Guid, Guid> incidentOf) =>
        [.. storm.GroupBy(a => incidentOf[a.Id]).Select(g => g.OrderBy(a => a.Id).ToList())];
}
