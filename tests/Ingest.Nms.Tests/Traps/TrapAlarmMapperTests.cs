using System.Net;
using Correlation.Contracts;
using Correlation.Ingest.Nms.Snmp;
using Correlation.Ingest.Nms.Tests.Snmp;
using Correlation.Ingest.Nms.Traps;
using Microsoft.Extensions.Time.Testing;
using static Correlation.Ingest.Nms.Snmp.BerEncoder;

namespace Correlation.Ingest.Nms.Tests.Traps;

public class TrapAlarmMapperTests
{
    private static readonly IPAddress Sender = IPAddress.Parse("192.0.2.1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private Alarm? Map(byte[] packet, params TrapRuleOptions[] rules)
    {
        var mapper = new TrapAlarmMapper(TrapRuleSet.Compile(rules, true, out _)!, new OidNames(new Dictionary<string, string>()), _time);
        return mapper.Map(SnmpTrapDecoder.Decode(packet).Value!, Sender, packet);
    }

    private static byte[] Link(string trapOid, int ifIndex, params byte[][] more) => TrapPackets.V2c(trapOid,
    [
        Varbind($"1.3.6.1.2.1.2.2.1.1.{ifIndex}", IntegerValue(ifIndex)),
        Varbind($"1.3.6.1.2.1.2.2.1.7.{ifIndex}", IntegerValue(1)),
        Varbind($"1.3.6.1.2.1.2.2.1.8.{ifIndex}", IntegerValue(2)),
        .. more,
    ]);

    [Test]
    public void LinkDown_raises_and_linkUp_for_the_same_ifIndex_clears_the_same_condition()
    {
        var down = Map(Link(TrapPackets.LinkDown, 7, Varbind("1.3.6.1.2.1.2.2.1.2.7", OctetString("ge-0/0/7"))))!;
        var up = Map(Link("1.3.6.1.6.3.1.1.5.4", 7))!;
        var otherPort = Map(Link(TrapPackets.LinkDown, 8))!;

        Assert.Multiple(() =>
        {
            Assert.That(down.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(down.AlarmType, Is.EqualTo("link_down"));
            Assert.That(down.Severity, Is.EqualTo(AlarmSeverity.Major));
            Assert.That(down.Resource, Is.EqualTo("192.0.2.1"));
            Assert.That(down.Summary, Is.EqualTo("Link down on 192.0.2.1 interface ge-0/0/7"));
            Assert.That(down.Labels["instance"], Is.EqualTo("7"));
            Assert.That(down.Fingerprint, Is.EqualTo(AlarmFingerprint.Compute("192.0.2.1", "link_down", "7")));
            Assert.That(down.Details["ifDescr.7"], Is.EqualTo("ge-0/0/7"));
            Assert.That(down.Details["ifOperStatus.7"], Is.EqualTo("2"));
            Assert.That(down.SourceKind, Is.EqualTo(SourceKind.SnmpTrap));
            Assert.That(down.ObservedAt, Is.EqualTo(_time.GetUtcNow()));
            Assert.That(up.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(up.Fingerprint, Is.EqualTo(down.Fingerprint));
            Assert.That(otherPort.Fingerprint, Is.Not.EqualTo(down.Fingerprint));
        });
    }

    [Test]
    public void The_same_datagram_from_the_same_sender_has_the_same_idempotency_key()
    {
        var packet = Link(TrapPackets.LinkDown, 1);

        var first = Map(packet)!;
        var again = Map(packet)!;

        Assert.That(again.IdempotencyKey, Is.EqualTo(first.IdempotencyKey));
        Assert.That(again.Id, Is.Not.EqualTo(first.Id));
        Assert.That(Map(Link(TrapPackets.LinkDown, 2))!.IdempotencyKey, Is.Not.EqualTo(first.IdempotencyKey));
    }

    [Test]
    public void A_v1_trap_names_its_agent_address_as_the_resource()
    {
        var alarm = Map(TrapPackets.V1("1.3.6.1.4.1.9", "198.51.100.20", 2, 0, Varbind("1.3.6.1.2.1.2.2.1.1.3", IntegerValue(3))))!;

        Assert.That(alarm.Resource, Is.EqualTo("198.51.100.20"));
        Assert.That(alarm.Labels["agent"], Is.EqualTo("198.51.100.20"));
        Assert.That(alarm.Labels["sourceAddress"], Is.EqualTo("192.0.2.1"));
    }

    [Test]
    public void A_configured_rule_with_a_wildcard_takes_precedence_and_fills_its_templates_from_varbinds()
    {
        var rule = new TrapRuleOptions
        {
            Trap = "1.3.6.1.4.1.99999.*",
            AlarmType = "psu_failed",
            Severity = AlarmSeverity.Critical,
            Resource = "{$2}",
            Instance = "{1.3.6.1.4.1.99999.1.1}",
            Summary = "PSU {$1} failed on {1.3.6.1.4.1.99999.1.2} ({trapOid}, up {uptime})",
        };

        var alarm = Map(TrapPackets.EveryType(), rule)!;

        Assert.Multiple(() =>
        {
            Assert.That(alarm.AlarmType, Is.EqualTo("psu_failed"));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Critical));
            Assert.That(alarm.Resource, Is.EqualTo("router-7"));
            Assert.That(alarm.Labels["instance"], Is.EqualTo("-42"));
            Assert.That(alarm.Summary, Is.EqualTo("PSU -42 failed on router-7 (1.3.6.1.4.1.99999.0.1, up 4242)"));
        });
    }

    [Test]
    public void An_unknown_trap_becomes_a_generic_snmp_trap_alarm_per_trap_oid()
    {
        var alarm = Map(TrapPackets.V2c("1.3.6.1.4.1.5555.0.9"))!;

        Assert.That(alarm.AlarmType, Is.EqualTo("snmp_trap"));
        Assert.That(alarm.Labels["instance"], Is.EqualTo("1.3.6.1.4.1.5555.0.9"));
        Assert.That(alarm.Summary, Is.EqualTo("SNMP trap 1.3.6.1.4.1.5555.0.9 from 192.0.2.1"));
    }

    [TestCase("1.3.6.1.4.1.9.*", "1.3.6.1.4.1.9.9.41.2", true)]
    [TestCase("1.3.6.1.4.1.9.*", "1.3.6.1.4.1.9", false)]
    [TestCase("1.3.6.1.2.1.15.*.2", "1.3.6.1.2.1.15.7.2", true)]
    [TestCase("1.3.6.1.2.1.15.*.2", "1.3.6.1.2.1.15.7.2.1", false)]
    [TestCase("1.3.6.1.6.3.1.1.5.3", "1.3.6.1.6.3.1.1.5.3", true)]
    [TestCase("1.3.6.1.6.3.1.1.5.3", "1.3.6.1.6.3.1.1.5.30", false)]
    public void Oid_patterns_match_one_arc_per_star_and_any_rest_for_a_last_star(string pattern, string oid, bool matches)
    {
        Assert.That(OidPattern.TryParse(pattern, out var parsed), Is.True);
        Assert.That(parsed!.Matches(oid), Is.EqualTo(matches));
    }

    [Test]
    public void Communities_are_allowed_by_the_most_specific_source_network()
    {
        var policy = CommunityPolicy.Create(
        [
            new SnmpSourceOptions { Network = "10.0.0.0/8", Communities = ["netops"] },
            new SnmpSourceOptions { Network = "10.1.2.3", Communities = ["lab"] },
        ], out _)!;

        Assert.Multiple(() =>
        {
            Assert.That(policy.Allows(IPAddress.Parse("10.9.9.9"), "netops"), Is.True);
            Assert.That(policy.Allows(IPAddress.Parse("10.1.2.3"), "lab"), Is.True);
            Assert.That(policy.Allows(IPAddress.Parse("10.1.2.3"), "netops"), Is.False);
            Assert.That(policy.Allows(IPAddress.Parse("192.0.2.1"), "netops"), Is.False);
        });
    }

    [Test]
    public void With_no_sources_configured_only_this_machine_may_send_and_only_with_public()
    {
        var policy = CommunityPolicy.Create([], out _)!;

        Assert.Multiple(() =>
        {
            Assert.That(policy.IsLoopbackOnly, Is.True);
            Assert.That(policy.Allows(IPAddress.Parse("127.0.0.1"), "public"), Is.True);
            Assert.That(policy.Allows(IPAddress.Parse("::ffff:127.0.0.1"), "public"), Is.True);
            Assert.That(policy.Allows(IPAddress.IPv6Loopback, "public"), Is.True);
            Assert.That(policy.Allows(IPAddress.Parse("127.0.0.1"), "private"), Is.False);
            Assert.That(policy.Allows(IPAddress.Parse("192.0.2.1"), "public"), Is.False, "a sender on another host, with nothing configured");
        });
    }

    [TestCase("1.3.x", "not an OID pattern")]
    [TestCase("1.3.6", "AlarmType is required", "")]
    public void A_bad_rule_is_refused_with_the_reason(string trap, string reason, string alarmType = "t")
    {
        Assert.That(TrapRuleSet.Compile([new TrapRuleOptions { Trap = trap, AlarmType = alarmType }], true, out var error), Is.Null);
        Assert.That(error, Does.StartWith("Rules:0: ").And.Contain(reason));
    }
}
