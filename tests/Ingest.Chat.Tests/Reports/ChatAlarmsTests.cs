using Correlation.Contracts;
using Correlation.Ingest.Chat.Reports;
using Microsoft.Extensions.Time.Testing;

namespace Correlation.Ingest.Chat.Tests.Reports;

/// <summary>How a report becomes an alarm: resource, fingerprint, idempotency key, severity, time.</summary>
public class ChatAlarmsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 40, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private ChatAlarms _alarms = null!;

    [SetUp]
    public void SetUp() => _alarms = Alarms(new ChatOptions());

    private ChatAlarms Alarms(ChatOptions options) => new(new PlaceFinder(Cmdb.Provider()), new ReportSeverity(options), _time);

    private static ChatReport Report(string text, string reporter = "U1", string message = "m1", string channel = "C1", DateTimeOffset? at = null) =>
        new("slack", message, reporter, null, channel, "noc-reports", text, at, new Dictionary<string, string> { ["team_id"] = "T1" });

    [Test]
    public void A_report_at_a_site_is_a_user_report_about_the_site()
    {
        var alarm = _alarms.Build(Report("the network drives are down at the Leeds office", at: Now.AddMinutes(-2))).Alarm;

        Assert.Multiple(() =>
        {
            Assert.That(alarm.SourceKind, Is.EqualTo(SourceKind.Chat));
            Assert.That(alarm.AlarmType, Is.EqualTo("user_report"));
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(alarm.Resource, Is.EqualTo("leeds"));
            Assert.That(alarm.Site, Is.EqualTo("leeds"));
            Assert.That(alarm.Service, Is.Null);
            Assert.That(alarm.IdempotencyKey, Is.EqualTo("slack:m1"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(Now.AddMinutes(-2)));
            Assert.That(alarm.ReceivedAt, Is.EqualTo(Now));
            Assert.That(alarm.Details["text"], Is.EqualTo("the network drives are down at the Leeds office"));
            Assert.That(alarm.Details["team_id"], Is.EqualTo("T1"), "what the platform told is kept");
            Assert.That(alarm.Labels["channel"], Is.EqualTo("noc-reports"));
        });
    }

    [Test]
    public void The_resource_is_the_site_else_the_service_else_the_channel()
    {
        Assert.That(_alarms.Build(Report("email is down at York")).Alarm.Resource, Is.EqualTo("york"));
        Assert.That(_alarms.Build(Report("email is down")).Alarm.Resource, Is.EqualTo("email"));
        Assert.That(_alarms.Build(Report("everything is slow", channel: "C9")).Alarm.Resource, Is.EqualTo("chat:noc-reports"));
    }

    [Test]
    public void The_same_person_about_the_same_place_is_one_fingerprint_and_anyone_else_or_anywhere_else_another()
    {
        var first = _alarms.Build(Report("York wifi down", message: "m1")).Alarm;
        var again = _alarms.Build(Report("still no wifi in york!!", message: "m2")).Alarm;
        var colleague = _alarms.Build(Report("York wifi down", reporter: "U2", message: "m3")).Alarm;
        var elsewhere = _alarms.Build(Report("Hull wifi down", message: "m4")).Alarm;

        Assert.That(again.Fingerprint, Is.EqualTo(first.Fingerprint));
        Assert.That(colleague.Fingerprint, Is.Not.EqualTo(first.Fingerprint));
        Assert.That(elsewhere.Fingerprint, Is.Not.EqualTo(first.Fingerprint));
        Assert.That(new[] { first, again, colleague, elsewhere }.Select(a => a.IdempotencyKey), Is.Unique);
    }

    [TestCase("printer jammed on floor 2", AlarmSeverity.Minor)]
    [TestCase("the VPN is DOWN", AlarmSeverity.Major)]
    [TestCase("full outage at Hull", AlarmSeverity.Major)]
    [TestCase("the downloads are slow", AlarmSeverity.Minor, Description = "whole words only")]
    public void Severity_is_minor_unless_a_major_word_is_said(string text, AlarmSeverity severity) =>
        Assert.That(_alarms.Build(Report(text)).Alarm.Severity, Is.EqualTo(severity));

    [Test]
    public void Severity_and_its_words_are_configurable()
    {
        var alarms = Alarms(new ChatOptions { DefaultSeverity = AlarmSeverity.Warning, MajorWords = ["on fire"] });

        Assert.That(alarms.Build(Report("server room is on fire")).Alarm.Severity, Is.EqualTo(AlarmSeverity.Major));
        Assert.That(alarms.Build(Report("everything is down")).Alarm.Severity, Is.EqualTo(AlarmSeverity.Warning));
    }

    [Test]
    public void A_time_in_the_future_is_taken_as_now_and_no_time_is_now()
    {
        Assert.That(_alarms.Build(Report("x down", at: Now.AddHours(3))).Alarm.ObservedAt, Is.EqualTo(Now));
        Assert.That(_alarms.Build(Report("x down", at: Now.AddMinutes(4))).Alarm.ObservedAt, Is.EqualTo(Now.AddMinutes(4)), "a little clock skew is tolerated");
        Assert.That(_alarms.Build(Report("x down")).Alarm.ObservedAt, Is.EqualTo(Now));
    }

    [Test]
    public void A_long_report_is_shortened_in_the_summary_and_kept_in_the_details()
    {
        var text = "down " + string.Concat(Enumerable.Repeat("and more ", 100));

        var alarm = _alarms.Build(Report(text)).Alarm;

        Assert.That(alarm.Summary, Has.Length.EqualTo(300));
        Assert.That(alarm.Summary, Does.EndWith("…"));
        Assert.That(alarm.Details["text"], Is.EqualTo(text));
    }
}
