using Correlation.Contracts;
using Correlation.Ingest.Feeds.Alertmanager;
using Correlation.Ingest.Feeds.Pipeline;
using static Correlation.Ingest.Feeds.Tests.FeedRequests;

namespace Correlation.Ingest.Feeds.Tests.Alertmanager;

public class AlertmanagerFeedTests
{
    private readonly AlertmanagerFeed _feed = new(Options());

    private FeedOutcome Parse(string body) => _feed.Parse(Json(body));

    [Test]
    public void Each_firing_alert_becomes_a_raised_alarm_with_every_field_mapped()
    {
        var outcome = Parse(AlertmanagerPayloads.Firing);

        Assert.That(outcome.Errors, Is.Empty);
        Assert.That(outcome.Alarms, Has.Count.EqualTo(2));
        var alarm = outcome.Alarms[0];
        Assert.Multiple(() =>
        {
            Assert.That(alarm.SourceKind, Is.EqualTo(SourceKind.Alertmanager));
            Assert.That(alarm.SourceName, Is.EqualTo("snmp"), "the job label names the sending system");
            Assert.That(alarm.Resource, Is.EqualTo("leeds-sw-1"), "the instance label without its port");
            Assert.That(alarm.Site, Is.EqualTo("leeds"));
            Assert.That(alarm.Service, Is.EqualTo("file-shares"));
            Assert.That(alarm.AlarmType, Is.EqualTo("InterfaceDown"));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Critical));
            Assert.That(alarm.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(alarm.Summary, Is.EqualTo("Gi0/1 on leeds-sw-1 is down"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 14, 3, TimeSpan.Zero).AddTicks(1234567)));
            Assert.That(alarm.ReceivedAt, Is.EqualTo(Now));
            Assert.That(alarm.Labels["ifName"], Is.EqualTo("Gi0/1"));
            Assert.That(alarm.Labels, Has.Count.EqualTo(7));
            Assert.That(alarm.Details["description"], Is.EqualTo("ifOperStatus has been 2 for 2 minutes"));
            Assert.That(alarm.Details["runbook_url"], Is.EqualTo("https://runbooks.example/interface-down"));
            Assert.That(alarm.Details["generatorURL"], Does.StartWith("http://prometheus.noc.example:9090/graph"));
            Assert.That(alarm.Details["fingerprint"], Is.EqualTo("5e1c0b6f2a9d4c11"));
            Assert.That(alarm.Details["receiver"], Is.EqualTo("correlation"));
            Assert.That(alarm.Details["groupKey"], Does.Contain("InterfaceDown"));
            Assert.That(alarm.Details["externalURL"], Is.EqualTo("http://alertmanager.noc.example:9093"));
            Assert.That(alarm.IdempotencyKey, Is.EqualTo($"alertmanager:5e1c0b6f2a9d4c11:firing:{alarm.ObservedAt.ToUnixTimeMilliseconds()}"));
        });

        var second = outcome.Alarms[1];
        Assert.That(second.Summary, Is.EqualTo("ifOperStatus has been 2 for 2 minutes"), "no summary annotation: the description");
        Assert.That(second.Service, Is.Null);
        Assert.That(second.Fingerprint, Is.Not.EqualTo(alarm.Fingerprint));
    }

    [Test]
    public void A_resolved_alert_clears_the_same_condition_under_a_key_of_its_own()
    {
        var firing = Parse(AlertmanagerPayloads.Firing).Alarms[0];
        var resolved = Parse(AlertmanagerPayloads.Resolved).Alarms.Single();

        Assert.Multiple(() =>
        {
            Assert.That(resolved.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(resolved.Fingerprint, Is.EqualTo(firing.Fingerprint));
            Assert.That(resolved.IdempotencyKey, Is.Not.EqualTo(firing.IdempotencyKey));
            Assert.That(resolved.IdempotencyKey, Does.Contain(":resolved:"));
            Assert.That(resolved.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 31, 40, 500, TimeSpan.Zero)), "a clear is observed at endsAt");
        });
    }

    [Test]
    public void A_repeated_notification_of_the_same_firing_carries_the_same_idempotency_key()
    {
        var first = Parse(AlertmanagerPayloads.Firing).Alarms;
        var again = Parse(AlertmanagerPayloads.Firing).Alarms;

        Assert.That(again.Select(a => a.IdempotencyKey), Is.EqualTo(first.Select(a => a.IdempotencyKey)));
        Assert.That(again.Select(a => a.Id), Is.Not.EquivalentTo(first.Select(a => a.Id)));
    }

    [Test]
    public void Severity_goes_through_the_feeds_table_and_unknown_values_take_the_default()
    {
        var options = Options();
        options.Alertmanager.Severity["p1"] = AlarmSeverity.Major;
        options.Alertmanager.DefaultSeverity = AlarmSeverity.Minor;
        var feed = new AlertmanagerFeed(options);

        var p1 = feed.Parse(Json(AlertmanagerPayloads.Firing.Replace("\"critical\", \"site\": \"leeds\", \"service\"", "\"P1\", \"site\": \"leeds\", \"service\"", StringComparison.Ordinal)));
        var unknown = feed.Parse(Json(AlertmanagerPayloads.Firing.Replace("\"critical\"", "\"loud\"", StringComparison.Ordinal)));

        Assert.That(p1.Alarms[0].Severity, Is.EqualTo(AlarmSeverity.Major), "table entries match in any case");
        Assert.That(unknown.Alarms.Select(a => a.Severity), Has.All.EqualTo(AlarmSeverity.Minor));
    }

    [TestCase("\"alertname\": \"InterfaceDown\", \"instance\": \"leeds-sw-2:9116\"", "\"instance\": \"leeds-sw-2:9116\"", "$.alerts[1].labels.alertname")]
    [TestCase("\"status\": \"firing\",\n      \"labels\"", "\"status\": \"burning\",\n      \"labels\"", "$.alerts[0].status")]
    [TestCase("\"startsAt\": \"2026-11-23T10:14:33Z\"", "\"startsAt\": \"yesterday\"", "$.alerts[1].startsAt")]
    [TestCase("\"version\": \"4\"", "\"version\": \"3\"", "$.version")]
    [TestCase("\"alerts\": [", "\"alerts\": 7, \"x\": [", "$.alerts")]
    public void A_bad_alert_is_named_by_its_index_and_field(string find, string replace, string field)
    {
        var body = AlertmanagerPayloads.Firing.Replace(find, replace, StringComparison.Ordinal);
        Assert.That(body, Is.Not.EqualTo(AlertmanagerPayloads.Firing), "the test's edit applies");

        var outcome = Parse(body);

        Assert.That(outcome.Alarms, Is.Empty);
        Assert.That(outcome.Errors.Select(e => e.Field), Does.Contain(field));
    }
}
