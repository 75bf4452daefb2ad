using Correlation.Contracts;
using Correlation.Ingest.Mail.Mapping;
using Correlation.Ingest.Mail.Rules;
using Correlation.Ingest.Mail.Tests.Support;
using Correlation.Testing;
using Correlation.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Mail.Tests.Mapping;

/// <summary>Mail no rule takes: a person's report, placed with the repository's sample CMDB.</summary>
public class MailAlarmMapperTests
{
    private static readonly Lazy<TopologyProvider> Cmdb = new(() => new TopologyProvider(
        Options.Create(new TopologyOptions { CmdbPath = Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml") }),
        TimeProvider.System, NullLogger<TopologyProvider>.Instance));

    private static MailAlarmMapper Mapper() => TestMapper.Create(locator: new HumanReportLocator(Cmdb.Value));

    private static Alarm Report(string subject, string body, string? messageId = null) =>
        Mapper().Map(Mails.Parse(Mails.Raw(subject, body, from: "Jane Doe <jane@example.com>", messageId: messageId))).Alarm;

    [Test]
    public void A_mail_no_rule_takes_is_a_low_severity_user_report_from_its_sender()
    {
        var alarm = Report("Printer on fire", "It smells odd in here.");

        Assert.Multiple(() =>
        {
            Assert.That(alarm.AlarmType, Is.EqualTo(MailAlarmMapper.UserReport));
            Assert.That(alarm.SourceKind, Is.EqualTo(SourceKind.Email));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Warning));
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(alarm.Resource, Is.EqualTo("jane@example.com"));
            Assert.That(alarm.Site, Is.Null);
            Assert.That(alarm.Summary, Is.EqualTo("Printer on fire"));
            Assert.That(alarm.Details["from"], Is.EqualTo("Jane Doe <jane@example.com>"));
            Assert.That(alarm.Details["excerpt"], Is.EqualTo("It smells odd in here."));
        });
    }

    [TestCase("VPN broken", "Cannot reach anything from the York branch today.", "york", null)]
    [TestCase("leeds is down", "x", "leeds", null)]
    [TestCase("Slow", "Since 9 the File shares are unbearably slow at site=bristol", "bristol", "file-shares")]
    [TestCase("No internet", "service=internet-access site: hull", "hull", "internet-access")]
    [TestCase("Switch noise", "leeds-cr-01 is beeping", "leeds", null)]
    public void A_report_is_placed_at_the_site_and_service_it_names(string subject, string body, string site, string? service)
    {
        var alarm = Report(subject, body);

        Assert.Multiple(() =>
        {
            Assert.That(alarm.Site, Is.EqualTo(site));
            Assert.That(alarm.Resource, Is.EqualTo(site), "resource is the site when one is found");
            Assert.That(alarm.Service, Is.EqualTo(service));
        });
    }

    [Test]
    public void A_word_that_only_contains_a_site_name_does_not_place_the_report()
    {
        Assert.That(Report("Yorkshire pudding", "Leedsfeld office, hullabaloo").Site, Is.Null);
    }

    [Test]
    public void A_follow_up_in_the_thread_repeats_the_first_report_instead_of_opening_a_new_one()
    {
        var first = Report("Wifi down at York", "x", messageId: "a1@example.com");
        var followUp = Mapper().Map(Mails.Parse(Mails.Raw("Re: Wifi down at York", "still down", from: "bob@example.com", messageId: "b2@example.com",
            headers: ["In-Reply-To: <a1@example.com>", "References: <a1@example.com>"]))).Alarm;

        Assert.Multiple(() =>
        {
            Assert.That(followUp.Labels["thread"], Is.EqualTo(first.Labels["thread"]));
            Assert.That(followUp.Fingerprint, Is.EqualTo(first.Fingerprint));
            Assert.That(followUp.IdempotencyKey, Is.Not.EqualTo(first.IdempotencyKey));
        });
    }

    [Test]
    public void Attachments_are_noted_in_the_details_and_the_excerpt_is_bounded()
    {
        var raw = Mails.Raw("Screenshot", $"--b\r\nContent-Type: text/plain\r\n\r\n{new string('z', 5000)}\r\n--b\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"screen shot.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n",
            headers: "Content-Type: multipart/mixed; boundary=b");

        var alarm = Mapper().Map(Mails.Parse(raw)).Alarm;

        Assert.Multiple(() =>
        {
            Assert.That(alarm.Details["attachments"], Does.StartWith("screen shot.png (image/png, "));
            Assert.That(alarm.Details["attachment_count"], Is.EqualTo("1"));
            Assert.That(alarm.Details["excerpt"], Has.Length.EqualTo(new MailOptions().MaxExcerptChars));
            Assert.That(alarm.Details["excerpt_truncated"], Is.EqualTo("true"));
        });
    }

    [Test]
    public void The_Date_header_is_when_the_alarm_was_observed_unless_it_is_implausible()
    {
        var mapper = TestMapper.Create();
        var dated = mapper.Map(Mails.Parse(Mails.Raw("a", "x"))).Alarm;
        var future = mapper.Map(Mails.Parse(Mails.Raw("a", "x").Replace("Date: Mon, 23 Nov 2026 10:15:00", "Date: Mon, 23 Nov 2099 10:15:00", StringComparison.Ordinal))).Alarm;

        Assert.Multiple(() =>
        {
            Assert.That(dated.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero)));
            Assert.That(future.ObservedAt, Is.EqualTo(future.ReceivedAt));
        });
    }

    [Test]
    public void Without_a_CMDB_only_explicit_words_place_a_report()
    {
        var mapper = TestMapper.Create(locator: new HumanReportLocator(null));

        Assert.Multiple(() =>
        {
            Assert.That(mapper.Map(Mails.Parse(Mails.Raw("York branch down", "x"))).Alarm.Site, Is.Null);
            Assert.That(mapper.Map(Mails.Parse(Mails.Raw("down", "site=york"))).Alarm.Site, Is.EqualTo("york"));
        });
    }
}
