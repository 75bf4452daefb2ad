using System.Net;
using System.Text;
using Correlation.Contracts;
using Correlation.Ingest.Nms.Syslog;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Ingest.Nms.Tests.Syslog;

public class SyslogAlarmMapperTests
{
    private static readonly IPAddress Sender = IPAddress.Parse("192.0.2.1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    private Alarm? Map(string line, params SyslogRuleOptions[] rules)
    {
        var mapper = new SyslogAlarmMapper(SyslogAlarmMapper.CompileRules(rules, true, out _)!, SyslogSeverity.Error, _time);
        var bytes = Encoding.UTF8.GetBytes(line);
        return mapper.Map(SyslogParser.Parse(bytes, _time.GetUtcNow()).Value!, Sender, bytes);
    }

    [Test]
    public void Cisco_interface_down_raises_and_up_clears_the_same_condition()
    {
        var down = Map("<187>Nov 23 09:59:00 leeds-sw-1 123: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down")!;
        var up = Map("<189>Nov 23 09:59:30 leeds-sw-1 124: %LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to up")!;

        Assert.Multiple(() =>
        {
            Assert.That(down.AlarmType, Is.EqualTo("link_down"));
            Assert.That(down.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(down.Severity, Is.EqualTo(AlarmSeverity.Major));
            Assert.That(down.Resource, Is.EqualTo("leeds-sw-1"));
            Assert.That(down.Labels["instance"], Is.EqualTo("GigabitEthernet0/1"));
            Assert.That(down.Fingerprint, Is.EqualTo(AlarmFingerprint.Compute("leeds-sw-1", "link_down", "GigabitEthernet0/1")));
            Assert.That(down.Summary, Is.EqualTo("%LINK-3-UPDOWN: Interface GigabitEthernet0/1, changed state to down"));
            Assert.That(down.SourceKind, Is.EqualTo(SourceKind.Syslog));
            Assert.That(up.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(up.Fingerprint, Is.EqualTo(down.Fingerprint));
        });
    }

    [Test]
    public void A_configured_rule_filters_by_app_and_facility_and_fills_its_templates_from_named_groups()
    {
        var rule = new SyslogRuleOptions
        {
            AppName = "ups",
            Facilities = ["local3"],
            Pattern = @"on battery, (?<minutes>\d+) minutes left",
            ClearPattern = "on mains",
            AlarmType = "ups_on_battery",
            Severity = AlarmSeverity.Critical,
            Resource = "{host}-ups",
            Summary = "UPS of {host} on battery ({minutes} min)",
        };

        var raised = Map("<158>1 2026-11-23T09:00:00Z york-dc ups - - - on battery, 12 minutes left", rule)!;
        var cleared = Map("<158>1 2026-11-23T09:20:00Z york-dc ups - - - on mains", rule)!;
        var otherApp = Map("<158>1 2026-11-23T09:00:00Z york-dc apc - - - on battery, 12 minutes left", rule);

        Assert.Multiple(() =>
        {
            Assert.That(raised.AlarmType, Is.EqualTo("ups_on_battery"));
            Assert.That(raised.Resource, Is.EqualTo("york-dc-ups"));
            Assert.That(raised.Summary, Is.EqualTo("UPS of york-dc on battery (12 min)"));
            Assert.That(raised.Severity, Is.EqualTo(AlarmSeverity.Critical));
            Assert.That(raised.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
            Assert.That(cleared.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(cleared.Fingerprint, Is.EqualTo(raised.Fingerprint));
            Assert.That(otherApp, Is.Null, "another app, and only informational: ignored");
        });
    }

    [Test]
    public void An_unmatched_message_is_an_alarm_only_when_severe_enough()
    {
        var error = Map("<11>1 - db-1 postgres 77 - - could not write to file")!;
        var notice = Map("<13>1 - db-1 postgres 77 - - checkpoint complete");

        Assert.That(error.AlarmType, Is.EqualTo(SyslogAlarmMapper.UnmatchedAlarmType));
        Assert.That(error.Severity, Is.EqualTo(AlarmSeverity.Major));
        Assert.That(error.Labels["instance"], Is.EqualTo("postgres"));
        Assert.That(error.Details["procId"], Is.EqualTo("77"));
        Assert.That(notice, Is.Null);
    }

    [TestCase("(?<=x)y", "pattern")]
    [TestCase("[", "pattern")]
    public void A_rule_whose_pattern_cannot_run_without_backtracking_is_refused(string pattern, string reason)
    {
        var rules = SyslogAlarmMapper.CompileRules([new SyslogRuleOptions { Pattern = pattern, AlarmType = "t" }], false, out var error);

        Assert.That(rules, Is.Null);
        Assert.That(error, Does.StartWith("Rules:0: ").And.Contain(reason));
    }
}
