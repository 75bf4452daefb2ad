using Correlation.Contracts;
using Correlation.Ingest.Mail.Rules;
using Correlation.Ingest.Mail.Tests.Support;

namespace Correlation.Ingest.Mail.Tests.Rules;

/// <summary>The notification mails of Nagios, Icinga 2 and Zabbix, as their default commands and actions write them.</summary>
public class BuiltInRuleTests
{
    private static Alarm Map(string raw) => TestMapper.Create().Map(Mails.Parse(raw)).Alarm;

    [TestCase("PROBLEM", "CRITICAL", AlarmSeverity.Critical, AlarmStatus.Raised)]
    [TestCase("PROBLEM", "WARNING", AlarmSeverity.Warning, AlarmStatus.Raised)]
    [TestCase("PROBLEM", "UNKNOWN", AlarmSeverity.Minor, AlarmStatus.Raised)]
    [TestCase("RECOVERY", "OK", AlarmSeverity.Info, AlarmStatus.Cleared)]
    public void Nagios_service_alerts(string type, string state, AlarmSeverity severity, AlarmStatus status)
    {
        var alarm = Map(Mails.NagiosService(type, "web-01.example", "HTTP /status", state));

        Assert.Multiple(() =>
        {
            Assert.That(alarm.Resource, Is.EqualTo("web-01.example"));
            Assert.That(alarm.AlarmType, Is.EqualTo("service_alert"));
            Assert.That(alarm.Labels["instance"], Is.EqualTo("HTTP /status"));
            Assert.That(alarm.Severity, Is.EqualTo(severity));
            Assert.That(alarm.Status, Is.EqualTo(status));
            Assert.That(alarm.Labels["rule"], Is.EqualTo("nagios-service"));
            Assert.That(alarm.Fingerprint, Is.EqualTo(AlarmFingerprint.Compute("web-01.example", "service_alert", "HTTP /status")));
        });
    }

    [Test]
    public void A_Nagios_host_recovery_clears_the_host_problem()
    {
        var down = Map(Mails.NagiosHost("PROBLEM", "york-rtr-01", "DOWN"));
        var unreachable = Map(Mails.NagiosHost("PROBLEM", "york-rtr-01", "UNREACHABLE"));
        var up = Map(Mails.NagiosHost("RECOVERY", "york-rtr-01", "UP"));

        Assert.Multiple(() =>
        {
            Assert.That((down.AlarmType, down.Severity, down.Status), Is.EqualTo(("host_down", AlarmSeverity.Critical, AlarmStatus.Raised)));
            Assert.That(unreachable.Severity, Is.EqualTo(AlarmSeverity.Major));
            Assert.That(up.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(up.Fingerprint, Is.EqualTo(down.Fingerprint));
            Assert.That(unreachable.Fingerprint, Is.EqualTo(down.Fingerprint));
        });
    }

    [Test]
    public void A_Nagios_acknowledgement_is_a_notice_that_neither_raises_nor_clears_the_condition()
    {
        var problem = Map(Mails.NagiosService("PROBLEM", "web-01", "HTTP", "CRITICAL"));
        var ack = Map(Mails.NagiosService("ACKNOWLEDGEMENT", "web-01", "HTTP", "CRITICAL"));

        Assert.Multiple(() =>
        {
            Assert.That(ack.AlarmType, Is.EqualTo(BuiltInMailRules.Notice));
            Assert.That(ack.Severity, Is.EqualTo(AlarmSeverity.Info));
            Assert.That(ack.Fingerprint, Is.Not.EqualTo(problem.Fingerprint));
            Assert.That(ack.Summary, Is.EqualTo("ACKNOWLEDGEMENT: HTTP is CRITICAL"));
        });
    }

    [Test]
    public void Icinga_2_service_and_host_notifications()
    {
        var problem = Map(Mails.Raw("[PROBLEM] disk /var on db-01 is CRITICAL!", "x", from: "icinga@monitor.example"));
        var recovery = Map(Mails.Raw("[RECOVERY] disk /var on db-01 is OK!", "x", from: "icinga@monitor.example"));
        var host = Map(Mails.Raw("[PROBLEM] Host db-01 is DOWN!", "x", from: "icinga@monitor.example"));

        Assert.Multiple(() =>
        {
            Assert.That((problem.Resource, problem.Labels["instance"], problem.SourceName), Is.EqualTo(("db-01", "disk /var", "icinga")));
            Assert.That(recovery.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(recovery.Fingerprint, Is.EqualTo(problem.Fingerprint));
            Assert.That((host.AlarmType, host.Resource, host.Severity), Is.EqualTo(("host_down", "db-01", AlarmSeverity.Critical)));
        });
    }

    [TestCase("Disaster", AlarmSeverity.Critical)]
    [TestCase("High", AlarmSeverity.Major)]
    [TestCase("Average", AlarmSeverity.Minor)]
    [TestCase("Warning", AlarmSeverity.Warning)]
    [TestCase("Information", AlarmSeverity.Info)]
    [TestCase("Not classified", AlarmSeverity.Info)]
    public void Zabbix_problem_severity_comes_from_the_body(string severity, AlarmSeverity expected)
    {
        var alarm = Map(Mails.Zabbix(false, "Free disk space is less than 5% on /", "db-01", severity));

        Assert.Multiple(() =>
        {
            Assert.That(alarm.Severity, Is.EqualTo(expected));
            Assert.That(alarm.Resource, Is.EqualTo("db-01"));
            Assert.That(alarm.AlarmType, Is.EqualTo("zabbix_problem"));
            Assert.That(alarm.Details["match.eventId"], Is.EqualTo("4711"));
        });
    }

    [Test]
    public void A_Zabbix_resolved_mail_clears_its_problem()
    {
        var problem = Map(Mails.Zabbix(false, "High CPU utilization", "app-02", "High"));
        var resolved = Map(Mails.Zabbix(true, "High CPU utilization", "app-02", "High"));
        var oldStyle = Map(Mails.Raw("Resolved: High CPU utilization", "Host: app-02\nSeverity: High\n", from: "zabbix@monitor.example"));

        Assert.Multiple(() =>
        {
            Assert.That(problem.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(resolved.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(oldStyle.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(resolved.Fingerprint, Is.EqualTo(problem.Fingerprint));
            Assert.That(oldStyle.Fingerprint, Is.EqualTo(problem.Fingerprint));
        });
    }

    [Test]
    public void The_Message_ID_is_the_idempotency_key_and_a_mail_without_one_is_keyed_by_its_bytes()
    {
        var raw = Mails.NagiosHost("PROBLEM", "a", "DOWN");
        var withoutId = raw.Replace("Message-ID:", "X-Old-ID:", StringComparison.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(Map(Mails.NagiosService("PROBLEM", "h", "s", "CRITICAL", messageId: "42@nagios")).IdempotencyKey, Is.EqualTo("mail:42@nagios"));
            Assert.That(Map(withoutId).IdempotencyKey, Does.StartWith("mail-sha256:"));
            Assert.That(Map(withoutId).IdempotencyKey, Is.EqualTo(Map(withoutId + "").IdempotencyKey), "the same bytes, the same key");
            Assert.That(Map(withoutId).IdempotencyKey, Is.Not.EqualTo(Map(withoutId.Replace("DOWN", "UP", StringComparison.Ordinal)).IdempotencyKey));
        });
    }
}
