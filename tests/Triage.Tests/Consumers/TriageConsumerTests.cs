using MassTransit;
using Correlation.Contracts;
using Correlation.Testing;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Correlation.Triage.Tests.Scenario;

namespace Correlation.Triage.Tests.Consumers;

/// <summary>The service as AddTriage composes it, on the in-memory bus, with the real Redis.</summary>
public class TriageConsumerTests
{
    private static async Task<LocalWebHost> StartAsync(RedisTestKeys redis, Dictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(redis.Settings);
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }
        // The sample policy has time-of-day rules: the decision must not depend on when the test runs.
        return await HarnessHost.StartAsync(b => b.AddTriage(), settings: all,
            configureServices: s =>
            {
                s.AddSingleton<TimeProvider>(new FakeTimeProvider(Weekday));
                // The first triage loads the CMDB and assesses the network with no bus traffic meanwhile: on a busy
                // machine that took longer than the harness's usual second of inactivity.
                s.Configure<TestHarnessOptions>(o => o.TestInactivityTimeout = TimeSpan.FromSeconds(5));
            });
    }

    private static Dictionary<string, string> SampleConfig => new()
    {
        ["Topology:CmdbPath"] = CmdbPath,
        ["Triage:PolicyPath"] = SamplePolicyPath,
    };

    [Test]
    public async Task An_opened_incident_is_triaged_and_planned_and_operators_commands_act_on_it()
    {
        await using var redis = await RedisTestKeys.CreateAsync("triage-bus");
        await using var host = await StartAsync(redis, SampleConfig);
        var harness = host.Harness();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(new IncidentOpened(Snapshot(id, 1, site: "york"), YorkMplsDown()));
        Assert.That(await harness.Published.Any<IncidentActionPlanned>(m => m.Context.Message.IncidentId == id), Is.True);
        await harness.Bus.Publish(new WatchIncident(id, true, "alice", "CEO called", Weekday));
        Assert.That(await harness.Published.Any<IncidentTriaged>(m => m.Context.Message.Watched), Is.True);
        await harness.Bus.Publish(new UpdateChecklist(id, ChecklistChange.Tick, "redundancy-lost-1", null, "bob", Weekday));
        Assert.That(await harness.Published.Any<IncidentActionPlanned>(m => m.Context.Message.Revision == 2), Is.True);

        var triaged = harness.Published.Select<IncidentTriaged>().Select(m => m.Context.Message).ToList();
        Assert.That(triaged.Select(t => (t.Priority, t.PreviousPriority, t.Revision)),
            Is.EqualTo(new[] { (IncidentPriority.P2, (IncidentPriority?)null, 1L), (IncidentPriority.P1, IncidentPriority.P2, 2L) }));
        Assert.That(triaged[1].Reason, Does.EndWith("raised 1 watched (watched by alice: CEO called)"));
        // Each decision's message id follows from the incident and revision: published again (by another instance, or
        // after a crash before it was marked sent), it is the same message to the consumers that drop repeats.
        var ids = harness.Published.Select<IncidentTriaged>().Select(m => m.Context.MessageId).ToList();
        Assert.That(ids, Is.EqualTo(triaged.Select(t => (Guid?)ServiceDefaults.DerivedMessageId.Of(nameof(IncidentTriaged), id.ToString("N"),
            t.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        var plans = harness.Published.Select<IncidentActionPlanned>().Select(m => m.Context.Message).ToList();
        Assert.That(plans.Select(p => (p.Template, p.Revision)), Is.EqualTo(new[] { ("redundancy-lost", 1L), ("redundancy-lost", 2L) }));
        Assert.That(plans[1].Checklist[0].Done, Is.True);
    }

    [Test]
    public async Task Merges_and_resolutions_reach_the_triager_and_root_causes_are_kept()
    {
        await using var redis = await RedisTestKeys.CreateAsync("triage-bus");
        await using var host = await StartAsync(redis, SampleConfig);
        var harness = host.Harness();
        Guid survivor = Guid.NewGuid(), absorbed = Guid.NewGuid();

        await harness.Bus.Publish(new IncidentOpened(Snapshot(survivor, 1), YorkMplsDown()));
        await harness.Bus.Publish(new IncidentOpened(Snapshot(absorbed, 1), YorkVpnDown()));
        Assert.That(await harness.Consumed.Any<IncidentOpened>(m => m.Context.Message.Incident.IncidentId == absorbed), Is.True);
        await harness.Bus.Publish(new IncidentMerged(Snapshot(survivor, 2), [Snapshot(absorbed, 2, state: IncidentState.Merged)],
            Alarm("york-asw-01", "device_unreachable")));

        Assert.That(await harness.Published.Any<IncidentTriaged>(m => m.Context.Message.IncidentId == survivor && m.Context.Message.Priority == IncidentPriority.P1),
            Is.True);
        await harness.Bus.Publish(new IncidentRootCauseRecorded(survivor, new RootCause("link york-uplink-vpn", "fibre cut", "third-party", null), "dave", Weekday));
        await harness.Bus.Publish(new IncidentResolved(Snapshot(survivor, 3, state: IncidentState.Resolved), YorkVpnDown(cleared: true)));
        Assert.That(await harness.Consumed.Any<IncidentResolved>(), Is.True);
        Assert.That(await harness.Consumed.Any<IncidentRootCauseRecorded>(), Is.True);

        var similar = await Eventually.ReturnsAsync(() => redis.KeysAsync("triage:*"),
            keys => keys.Contains($"{redis.Prefix}triage:similar:{survivor:D}") && keys.Contains($"{redis.Prefix}triage:cause:{survivor:D}"),
            TimeSpan.FromSeconds(10), "the resolved incident indexed with its root cause");
        Assert.That(similar, Is.Not.Empty);
        Assert.That(harness.Published.Select<IncidentTriaged>().Count(m => m.Context.Message.IncidentId == absorbed), Is.EqualTo(1),
            "only its own opening: nothing after it was merged away");
    }

    [Test]
    public async Task Updates_queued_together_are_triaged_on_the_newest_snapshot_with_every_alarm_they_carry()
    {
        await using var redis = await RedisTestKeys.CreateAsync("triage-bus");
        await using var host = await StartAsync(redis, SampleConfig);
        var harness = host.Harness();
        var id = Guid.NewGuid();

        await harness.Bus.Publish(new IncidentOpened(Snapshot(id, 1, site: "york"), YorkMplsDown()));
        Assert.That(await harness.Published.Any<IncidentTriaged>(m => m.Context.Message.IncidentId == id), Is.True);
        // The second uplink's loss is in the older update; the newer one carries an unrelated alarm. Taken in one
        // batch, the triager must still see the lost redundancy, and answer for the newest version.
        await harness.Bus.Publish(new IncidentUpdated(Snapshot(id, 2, site: "york"), YorkVpnDown()));
        await harness.Bus.Publish(new IncidentUpdated(Snapshot(id, 3, site: "york"), Alarm("york-rtr-01", "high_cpu", AlarmSeverity.Minor)));

        Assert.That(await harness.Consumed.Any<IncidentUpdated>(m => m.Context.Message.Incident.Version == 3), Is.True);
        Assert.That(await harness.Published.Any<IncidentTriaged>(m => m.Context.Message.IncidentId == id && m.Context.Message.Priority == IncidentPriority.P1),
            Is.True, "the uplink lost in the older update raises it to P1");
        var raised = harness.Published.Select<IncidentTriaged>().Select(m => m.Context.Message).Single(t => t.IncidentId == id && t.Priority == IncidentPriority.P1);
        Assert.That(raised.IncidentVersion, Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task Without_a_cmdb_or_a_policy_file_triage_runs_on_the_built_in_policy()
    {
        await using var redis = await RedisTestKeys.CreateAsync("triage-bus");
        await using var host = await StartAsync(redis);
        var harness = host.Harness();

        await harness.Bus.Publish(new IncidentOpened(Snapshot(Guid.NewGuid(), 1), Alarm("some-box", "device_down", AlarmSeverity.Critical)));

        Assert.That(await harness.Published.Any<IncidentTriaged>(), Is.True);
        var triaged = harness.Published.Select<IncidentTriaged>().Single().Context.Message;
        Assert.That((triaged.Priority, triaged.Category), Is.EqualTo((IncidentPriority.P2, IncidentCategory.Outage)));
        Assert.That(triaged.Reason, Does.Contain("rule 'outage'").And.Contain("device some-box"));
    }

    [Test]
    public async Task A_bad_policy_file_stops_the_host_at_start_with_the_file_line_and_reason()
    {
        await using var redis = await RedisTestKeys.CreateAsync("triage-bus");
        var path = Path.Combine(Path.GetTempPath(), $"triage-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, "watch:\n  raise: 1\npriority:\n  base:\n    - name: all\n      priority: P7\n");
        try
        {
            var error = Assert.ThrowsAsync<Correlation.Triage.Policy.TriagePolicyException>(async () =>
                await StartAsync(redis, new Dictionary<string, string> { ["Triage:PolicyPath"] = path }))!;

            Assert.That(error.Message, Does.Contain($"{path}:6:17: priority must be P1, P2, P3 or P4, not 'P7'"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_policy_path_that_names_no_file_fails_option_validation()
    {
        await using var redis = await RedisTestKeys.CreateAsync("triage-bus");

        var error = Assert.CatchAsync(async () =>
            await StartAsync(redis, new Dictionary<string, string> { ["Triage:PolicyPath"] = "/nonexistent/triage.yaml" }))!;

        Assert.That(error.Message, Does.Contain("Triage:PolicyPath"));
    }
}
