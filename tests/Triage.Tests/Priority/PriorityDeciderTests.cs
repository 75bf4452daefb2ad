using Correlation.Contracts;
using Correlation.Triage.Impact;
using Correlation.Triage.Policy;
using Correlation.Triage.Priority;
using static Correlation.Triage.Tests.Scenario;

namespace Correlation.Triage.Tests.Priority;

/// <summary>Each priority rule, with the reason it records.</summary>
public class PriorityDeciderTests
{
    private static readonly TriagePolicy BuiltIn = PolicyLoader.BuiltIn;

    private static TriagePolicy Policy(string yaml) => PolicyLoader.Load(yaml, "test.yaml", PolicyLoader.BuiltIn);

    private static PriorityDecision Decide(Assessment assessment, TriagePolicy? policy = null, DateTimeOffset? now = null, OperatorWatch? watch = null) =>
        PriorityDecider.Decide(assessment, policy ?? BuiltIn, now ?? Weekday, watch);

    [Test]
    public void One_of_Yorks_two_uplinks_down_is_P2_for_lost_redundancy()
    {
        var decision = Decide(Assess(SampleCmdb.Value, null, YorkMplsDown()));

        Assert.That(decision.Priority, Is.EqualTo(IncidentPriority.P2));
        Assert.That(decision.Reason, Does.StartWith("P2: P2 by rule 'redundancy lost' for impairment: redundancy group york-uplink degraded"));
        Assert.That(decision.Reason, Does.Contain("york-uplink-vpn still up"));
    }

    [Test]
    public void Both_of_Yorks_uplinks_down_is_P1_outage_with_the_site_isolated()
    {
        var decision = Decide(Assess(SampleCmdb.Value, null, YorkMplsDown(), YorkVpnDown()));

        Assert.That(decision.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(decision.Reason, Does.StartWith("P1: P1 by rule 'site isolated' for outage: site york isolated"));
        Assert.That(decision.Reason, Does.Contain("redundancy group york-uplink exhausted"));
    }

    [Test]
    public void The_last_path_down_is_P1_even_where_no_site_is_isolated()
    {
        // Both of the London firewall's uplinks: the firewall is cut off, but London keeps its other devices.
        var decision = Decide(Assess(SampleCmdb.Value, null,
            Alarm("ldn-fw-01", "link_down", instance: "ldn-fw-uplink-1"), Alarm("ldn-fw-01", "link_down", instance: "ldn-fw-uplink-2")));

        Assert.That(decision.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(decision.Reason, Does.StartWith("P1: P1 by rule 'last path down' for outage: redundancy group ldn-fw-uplink exhausted"));
        Assert.That(decision.Reason, Does.Contain("services lost: internet-access (critical)"));
    }

    [Test]
    public void The_single_homed_microwave_link_cut_is_P1()
    {
        var decision = Decide(Assess(SampleCmdb.Value, "link hull-microwave", Alarm("leeds-mw-01", "link_down", instance: "hull-microwave")));

        Assert.That(decision.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(decision.Reason, Does.Contain("site hull isolated"));
        Assert.That(decision.Reason, Does.Contain("failed: link hull-microwave"));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void On_a_generated_network_one_uplink_down_is_P2_and_both_P1(int branch)
    {
        var network = Generated(cores: 4, dualHomed: 3, singleHomed: 2);
        var router = $"d{branch}-rtr";

        var one = Decide(Assess(network, null, Alarm(router, "link_down", instance: $"d{branch}-b")));
        var both = Decide(Assess(network, null, Alarm(router, "link_down", instance: $"d{branch}-a"), Alarm(router, "link_down", instance: $"d{branch}-b")));

        Assert.Multiple(() =>
        {
            Assert.That(one.Priority, Is.EqualTo(IncidentPriority.P2));
            Assert.That(one.Reason, Does.Contain($"rule 'redundancy lost' for impairment: redundancy group d{branch}-uplink degraded"));
            Assert.That(both.Priority, Is.EqualTo(IncidentPriority.P1));
            Assert.That(both.Reason, Does.Contain($"redundancy group d{branch}-uplink exhausted"));
        });
    }

    [Test]
    public void On_a_generated_network_a_single_homed_uplink_cut_is_P1_and_loses_the_branch_service()
    {
        var network = Generated(cores: 2, dualHomed: 1, singleHomed: 3);

        var decision = Decide(Assess(network, null, Alarm("core-1", "link_down", instance: "s1-up")));

        Assert.That(decision.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(decision.Reason, Does.Contain("site s1 isolated"));
        Assert.That(decision.Reason, Does.Contain("services lost: s1-app (medium)"));
    }

    [Test]
    public void A_degraded_switch_with_no_service_is_P3_and_informational_alarms_are_P4()
    {
        var degraded = Decide(Assess(SampleCmdb.Value, null, Alarm("york-asw-02", "interface_errors", AlarmSeverity.Minor)));
        var informational = Decide(Assess(SampleCmdb.Value, null, Alarm("york-asw-02", "config_change")));

        Assert.That((degraded.Priority, informational.Priority), Is.EqualTo((IncidentPriority.P3, IncidentPriority.P4)));
        Assert.That(degraded.Reason, Does.StartWith("P3: P3 by rule 'impairment' for impairment: degraded: york-asw-02 (interface_errors)"));
        Assert.That(informational.Reason, Does.StartWith("P4: P4 by rule 'informational' for informational"));
    }

    [Test]
    public void A_payment_service_on_a_peak_trading_day_rises_one_level()
    {
        var policy = Policy("""
            calendars:
              peak-trading: { dates: [2026-11-27] }
            priority:
              adjustments:
                - name: peak trading
                  when: { calendar: peak-trading, services: [payments] }
                  raise: 1
            """);
        var slow = Assess(SampleCmdb.Value, null, Alarm("ldn-pay-01", "high_latency", AlarmSeverity.Major));
        var blackFriday = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

        var ordinary = Decide(slow, policy, Weekday);
        var peak = Decide(slow, policy, blackFriday);
        var otherService = Decide(Assess(SampleCmdb.Value, null, Alarm("ldn-mail-01", "high_latency", AlarmSeverity.Major)), policy, blackFriday);

        Assert.Multiple(() =>
        {
            Assert.That(ordinary.Priority, Is.EqualTo(IncidentPriority.P2), "critical service degraded");
            Assert.That(peak.Priority, Is.EqualTo(IncidentPriority.P1));
            Assert.That(peak.Reason, Does.Contain("raised 1 by 'peak trading' (service payments; Fri 27 Nov 2026 is in calendar peak-trading)"));
            Assert.That(otherService.Priority, Is.EqualTo(IncidentPriority.P3), "email is not payments");
            Assert.That(otherService.Reason, Does.Not.Contain("peak trading"));
        });
    }

    [Test]
    public void Calendars_hold_ranges_annual_dates_and_weekdays()
    {
        var policy = Policy("""
            calendars:
              christmas: { ranges: ["2026-12-14..2026-12-24"], annual: [12-26] }
              weekend: { days: [sat, sun] }
            priority:
              adjustments:
                - { name: christmas trading, when: { calendar: christmas }, raise: 1 }
                - { name: weekend, when: { calendar: weekend }, lower: 1 }
            """);
        var degraded = Assess(SampleCmdb.Value, null, Alarm("york-asw-02", "interface_errors", AlarmSeverity.Minor));

        Assert.Multiple(() =>
        {
            Assert.That(Decide(degraded, policy, new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero)).Priority, Is.EqualTo(IncidentPriority.P2));
            Assert.That(Decide(degraded, policy, new DateTimeOffset(2026, 12, 25, 9, 0, 0, TimeSpan.Zero)).Priority, Is.EqualTo(IncidentPriority.P3));
            Assert.That(Decide(degraded, policy, new DateTimeOffset(2027, 12, 26, 9, 0, 0, TimeSpan.Zero)).Reason,
                Does.Contain("by 'christmas trading'").And.Contain("by 'weekend'"), "Boxing Day 2027 is a Sunday");
            Assert.That(Decide(degraded, policy, new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero)).Priority, Is.EqualTo(IncidentPriority.P4));
        });
    }

    [Test]
    public void Time_of_day_is_read_in_the_policys_time_zone_and_may_run_past_midnight()
    {
        var policy = Policy("""
            time-zone: Europe/London
            priority:
              adjustments:
                - name: night
                  when: { category: impairment, hours: "19:00-07:00" }
                  lower: 1
            """);
        var degraded = Assess(SampleCmdb.Value, null, Alarm("york-asw-02", "interface_errors", AlarmSeverity.Minor));

        // 18:30 UTC in July is 19:30 in London (summer time); 18:30 UTC in January is 18:30 there.
        var summerEvening = Decide(degraded, policy, new DateTimeOffset(2026, 7, 7, 18, 30, 0, TimeSpan.Zero));
        var winterEvening = Decide(degraded, policy, new DateTimeOffset(2026, 1, 6, 18, 30, 0, TimeSpan.Zero));
        var earlyMorning = Decide(degraded, policy, new DateTimeOffset(2026, 1, 6, 6, 59, 0, TimeSpan.Zero));

        Assert.Multiple(() =>
        {
            Assert.That(summerEvening.Priority, Is.EqualTo(IncidentPriority.P4));
            Assert.That(summerEvening.Reason, Does.Contain("lowered 1 by 'night' (impairment; 19:30 Europe/London within 19:00-07:00)"));
            Assert.That(winterEvening.Priority, Is.EqualTo(IncidentPriority.P3));
            Assert.That(earlyMorning.Priority, Is.EqualTo(IncidentPriority.P4));
        });
    }

    [Test]
    public void Alarm_types_move_the_priority()
    {
        var policy = Policy("""
            priority:
              adjustments:
                - { name: on battery, when: { alarm-types: [ups_on_battery] }, raise: 2 }
            """);

        var decision = Decide(Assess(SampleCmdb.Value, null, Alarm("york-ups-01", "ups_on_battery", AlarmSeverity.Minor)), policy);

        Assert.That(decision.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(decision.Reason, Does.Contain("raised 2 by 'on battery' (alarm type ups_on_battery)"));
    }

    [Test]
    public void A_customer_on_the_watch_list_raises_the_incident_and_says_why()
    {
        var policy = Policy("""
            watch:
              raise: 1
              customers: [retail-partners]
            """);

        var decision = Decide(Assess(SampleCmdb.Value, null, Alarm("ldn-pay-01", "high_latency", AlarmSeverity.Major)), policy);
        var elsewhere = Decide(Assess(SampleCmdb.Value, null, YorkMplsDown()), policy);

        Assert.That(decision.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(decision.Watched, Is.True);
        Assert.That(decision.Reason, Does.EndWith("raised 1 watched (on the watch list: customer retail-partners)"));
        Assert.That((elsewhere.Priority, elsewhere.Watched), Is.EqualTo((IncidentPriority.P2, false)));
    }

    [Test]
    public void Sites_and_services_on_the_watch_list_raise_too()
    {
        var policy = Policy("""
            watch: { sites: [york], services: [email] }
            """);

        var york = Decide(Assess(SampleCmdb.Value, null, Alarm("york-asw-02", "interface_errors", AlarmSeverity.Minor)), policy);
        var email = Decide(Assess(SampleCmdb.Value, null, Alarm("ldn-mail-01", "high_latency")), policy);

        Assert.That((york.Priority, email.Priority), Is.EqualTo((IncidentPriority.P2, IncidentPriority.P2)));
        Assert.That(york.Reason, Does.Contain("on the watch list: site york"));
        Assert.That(email.Reason, Does.Contain("on the watch list: service email"));
    }

    [Test]
    public void An_operators_watch_raises_once_even_when_the_watch_list_also_holds_it()
    {
        var policy = Policy("watch: { sites: [york] }");
        var watch = new OperatorWatch("alice", "CEO of the York office called", Weekday);
        var assessment = Assess(SampleCmdb.Value, null, Alarm("york-asw-02", "interface_errors", AlarmSeverity.Minor));

        var byOperator = Decide(assessment, BuiltIn, watch: watch);
        var both = Decide(assessment, policy, watch: watch);

        Assert.That(byOperator.Priority, Is.EqualTo(IncidentPriority.P2));
        Assert.That(byOperator.Reason, Does.EndWith("raised 1 watched (watched by alice: CEO of the York office called)"));
        Assert.That(both.Priority, Is.EqualTo(IncidentPriority.P2));
        Assert.That(both.Reason, Does.EndWith("raised 1 watched (watched by alice: CEO of the York office called; on the watch list: site york)"));
    }

    [Test]
    public void The_priority_is_held_within_P1_to_P4_and_the_reason_says_so()
    {
        var decision = Decide(Assess(SampleCmdb.Value, null, YorkMplsDown(), YorkVpnDown()), BuiltIn,
            watch: new OperatorWatch("bob", "VIP", Weekday));

        Assert.That(decision.Priority, Is.EqualTo(IncidentPriority.P1));
        Assert.That(decision.Reason, Does.EndWith("raised 1 watched (watched by bob: VIP); held at P1"));
    }

    [Test]
    public void The_sample_policy_gives_the_sample_network_the_same_base_priorities()
    {
        var sample = PolicyLoader.LoadFile(SamplePolicyPath);

        Assert.Multiple(() =>
        {
            Assert.That(Decide(Assess(SampleCmdb.Value, null, YorkMplsDown()), sample).Priority, Is.EqualTo(IncidentPriority.P2));
            Assert.That(Decide(Assess(SampleCmdb.Value, null, YorkMplsDown(), YorkVpnDown()), sample).Priority, Is.EqualTo(IncidentPriority.P1));
            Assert.That(Decide(Assess(SampleCmdb.Value, null, Alarm("ldn-pay-01", "host_down")), sample).Reason,
                Does.Contain("on the watch list: customer retail-partners"));
        });
    }
}
