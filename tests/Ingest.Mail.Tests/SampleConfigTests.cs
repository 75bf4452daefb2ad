using Correlation.Contracts;
using Correlation.Ingest.Mail.Tests.Support;
using Correlation.Testing;
using Microsoft.Extensions.Configuration;

namespace Correlation.Ingest.Mail.Tests;

/// <summary>deploy/config/mail-rules.sample.json stays valid and does what it says.</summary>
public class SampleConfigTests
{
    [Test]
    public void The_sample_settings_pass_validation_and_their_rules_map_mail()
    {
        var options = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "mail-rules.sample.json"))
            .Build().GetSection(MailOptions.SectionName).Get<MailOptions>()!;

        var validation = new MailOptionsValidator().Validate(null, options);
        var mapper = TestMapper.Create(options.Rules);
        var battery = mapper.Map(Mails.Parse(Mails.Raw("UPS york-ups-2: On battery", "Site: york", from: "alerts@ups.example.com"))).Alarm;
        var backupOk = mapper.Map(Mails.Parse(Mails.Raw("[OK] Backup job nightly on db-01", "", from: "backup@db-01.example.com"))).Alarm;

        Assert.Multiple(() =>
        {
            Assert.That(validation.Failed, Is.False, validation.FailureMessage);
            Assert.That((battery.AlarmType, battery.Resource, battery.Site, battery.Status), Is.EqualTo(("ups_on_battery", "york-ups-2", "york", AlarmStatus.Raised)));
            Assert.That((backupOk.AlarmType, backupOk.Status, backupOk.Labels["instance"]), Is.EqualTo(("backup_failed", AlarmStatus.Cleared, "nightly")));
        });
    }
}
