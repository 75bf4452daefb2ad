using Correlation.Contracts;
using Correlation.Ingest.Mail.Tests.Support;

namespace Correlation.Ingest.Mail.Tests.Smtp;

/// <summary>Mail sent by a real SMTP client (swaks) to the running receiver, as a monitoring host's mailer would.</summary>
public class SwaksDeliveryTests
{
    [Test]
    public async Task A_Nagios_problem_then_its_recovery_become_a_raise_and_a_clear_of_one_condition()
    {
        Tools.RequireSwaks();
        await using var host = await MailHost.StartAsync();
        var port = host.Smtp.Port;

        var problem = await Tools.SwaksAsync(port, "--from", "nagios@monitor.example", "--to", "alerts@noc.example",
            "--header", "Subject: ** PROBLEM Service Alert: leeds-sw-1/CPU Load is CRITICAL **",
            "--body", "***** Nagios *****\n\nNotification Type: PROBLEM\n\nService: CPU Load\nHost: leeds-sw-1\nState: CRITICAL\n\nAdditional Info:\n\nCRITICAL - load average: 9.1");
        Assert.That(problem.ExitCode, Is.Zero, problem.Output);
        Assert.That(problem.Output, Does.Contain("250 2.0.0 Accepted as alarm"));

        var recovery = await Tools.SwaksAsync(port, "--from", "nagios@monitor.example", "--to", "alerts@noc.example",
            "--header", "Subject: ** RECOVERY Service Alert: leeds-sw-1/CPU Load is OK **",
            "--body", "***** Nagios *****\n\nNotification Type: RECOVERY\n\nService: CPU Load\nHost: leeds-sw-1\nState: OK\n");
        Assert.That(recovery.ExitCode, Is.Zero, recovery.Output);

        var alarms = await host.PublishedAsync(2);
        var (raise, clear) = (alarms.Single(a => a.Status == AlarmStatus.Raised), alarms.Single(a => a.Status == AlarmStatus.Cleared));
        Assert.Multiple(() =>
        {
            Assert.That(raise.SourceKind, Is.EqualTo(SourceKind.Email));
            Assert.That(raise.SourceName, Is.EqualTo("nagios"));
            Assert.That(raise.Resource, Is.EqualTo("leeds-sw-1"));
            Assert.That(raise.AlarmType, Is.EqualTo("service_alert"));
            Assert.That(raise.Labels["instance"], Is.EqualTo("CPU Load"));
            Assert.That(raise.Severity, Is.EqualTo(AlarmSeverity.Critical));
            Assert.That(raise.Summary, Is.EqualTo("CPU Load on leeds-sw-1 is CRITICAL"));
            Assert.That(raise.Details["excerpt"], Does.Contain("load average: 9.1"));
            Assert.That(clear.Fingerprint, Is.EqualTo(raise.Fingerprint), "the recovery must clear the problem's condition");
            Assert.That(clear.IdempotencyKey, Is.Not.EqualTo(raise.IdempotencyKey), "two mails, two keys (their Message-IDs)");
        });
    }

    [Test]
    public async Task A_persons_mail_with_pipelining_becomes_a_user_report_naming_its_site()
    {
        Tools.RequireSwaks();
        await using var host = await MailHost.StartAsync();

        var sent = await Tools.SwaksAsync(host.Smtp.Port, "--pipeline", "--from", "jane.doe@example.com", "--to", "noc@noc.example",
            "--header", "Subject: Phones dead on the second floor",
            "--body", "Hi NOC, none of the desk phones work since 10:00. site=york\nJane");
        Assert.That(sent.ExitCode, Is.Zero, sent.Output);

        var report = (await host.PublishedAsync(1)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(report.AlarmType, Is.EqualTo("user_report"));
            Assert.That(report.Severity, Is.EqualTo(AlarmSeverity.Warning));
            Assert.That(report.Site, Is.EqualTo("york"));
            Assert.That(report.Resource, Is.EqualTo("york"));
            Assert.That(report.Summary, Is.EqualTo("Phones dead on the second floor"));
            Assert.That(report.Details["subject"], Is.EqualTo("Phones dead on the second floor"));
            Assert.That(report.Details["excerpt"], Does.Contain("none of the desk phones work"));
            Assert.That(report.Labels["mail_from"], Is.EqualTo("jane.doe@example.com"));
        });
    }

    [Test]
    public async Task Swaks_is_refused_for_a_domain_the_receiver_does_not_serve()
    {
        Tools.RequireSwaks();
        await using var host = await MailHost.StartAsync();

        var sent = await Tools.SwaksAsync(host.Smtp.Port, "--from", "spam@example.com", "--to", "someone@elsewhere.example",
            "--header", "Subject: relay me");

        Assert.That(sent.ExitCode, Is.Not.Zero);
        Assert.That(sent.Output, Does.Contain("550 5.7.1"));
        await Task.Delay(200);
        Assert.That(host.Published(), Is.Empty);
    }
}
