using Correlation.Contracts;
using Correlation.Ingest.Feeds.Alertmanager;
using Correlation.Ingest.Feeds.Prometheus;
using Correlation.Ingest.Feeds.Tests.Alertmanager;
using static Correlation.Ingest.Feeds.Tests.FeedRequests;

namespace Correlation.Ingest.Feeds.Tests.Prometheus;

public class PrometheusFeedTests
{
    /// <summary>
    /// What Prometheus posts to an Alertmanager's /api/v2/alerts (the postable alert list), at 10:40:00: one
    /// alert still firing (endsAt is Prometheus' resend horizon, in the future) and one whose endsAt has
    /// passed, which is how Prometheus says it resolved.
    /// </summary>
    private const string Alerts = """
        [
          {
            "labels": { "alertname": "HighCPU", "instance": "york-app-1:9100", "job": "node", "severity": "warning",
                        "site": "york", "service": "payroll" },
            "annotations": { "summary": "CPU above 90% for 10 minutes", "description": "node_cpu busy 93%" },
            "startsAt": "2026-11-23T10:21:00.000Z",
            "endsAt": "2026-11-23T10:44:00.000Z",
            "generatorURL": "http://prometheus.noc.example:9090/graph?g0.expr=cpu_busy+%3E+0.9&g0.tab=1"
          },
          {
            "labels": { "alertname": "InterfaceDown", "instance": "leeds-sw-1:9116", "ifName": "Gi0/1", "job": "snmp",
                        "severity": "critical", "site": "leeds", "service": "file-shares" },
            "annotations": { "summary": "Gi0/1 on leeds-sw-1 is down" },
            "startsAt": "2026-11-23T10:14:03.123456789Z",
            "endsAt": "2026-11-23T10:31:40.5Z",
            "generatorURL": "http://prometheus.noc.example:9090/graph?g0.expr=ifOperStatus+%3D%3D+2&g0.tab=1"
          }
        ]
        """;

    private readonly PrometheusFeed _feed = new(Options());

    [Test]
    public void A_firing_alert_is_raised_and_one_whose_end_has_passed_is_cleared()
    {
        var outcome = _feed.Parse(Json(Alerts));

        Assert.That(outcome.Errors, Is.Empty);
        var (firing, ended) = (outcome.Alarms[0], outcome.Alarms[1]);
        Assert.Multiple(() =>
        {
            Assert.That(firing.SourceKind, Is.EqualTo(SourceKind.Prometheus));
            Assert.That(firing.SourceName, Is.EqualTo("node"));
            Assert.That(firing.Resource, Is.EqualTo("york-app-1"));
            Assert.That(firing.Site, Is.EqualTo("york"));
            Assert.That(firing.Service, Is.EqualTo("payroll"));
            Assert.That(firing.AlarmType, Is.EqualTo("HighCPU"));
            Assert.That(firing.Severity, Is.EqualTo(AlarmSeverity.Warning));
            Assert.That(firing.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(firing.Summary, Is.EqualTo("CPU above 90% for 10 minutes"));
            Assert.That(firing.Details["description"], Is.EqualTo("node_cpu busy 93%"));
            Assert.That(firing.Details["generatorURL"], Does.Contain("cpu_busy"));
            Assert.That(firing.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 21, 0, TimeSpan.Zero)));
            Assert.That(ended.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(ended.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 31, 40, 500, TimeSpan.Zero)));
            Assert.That(ended.Severity, Is.EqualTo(AlarmSeverity.Critical));
        });
    }

    [Test]
    public void Prometheus_resending_a_firing_alert_is_the_same_alarm_and_its_end_a_new_one()
    {
        var first = _feed.Parse(Json(Alerts)).Alarms[0];
        var resent = _feed.Parse(Json(Alerts.Replace("10:44:00.000Z", "10:45:00.000Z", StringComparison.Ordinal))).Alarms[0];
        var ended = _feed.Parse(Json(Alerts.Replace("10:44:00.000Z", "10:39:00.000Z", StringComparison.Ordinal))).Alarms[0];

        Assert.That(resent.IdempotencyKey, Is.EqualTo(first.IdempotencyKey), "a new endsAt alone is the same firing");
        Assert.That(ended.IdempotencyKey, Is.Not.EqualTo(first.IdempotencyKey));
        Assert.That(ended.Status, Is.EqualTo(AlarmStatus.Cleared));
        Assert.That(ended.Fingerprint, Is.EqualTo(first.Fingerprint));
    }

    [Test]
    public void One_alert_has_one_fingerprint_whether_it_came_from_Prometheus_or_through_Alertmanager()
    {
        var direct = _feed.Parse(Json(Alerts)).Alarms[1];
        var viaAlertmanager = new AlertmanagerFeed(Options()).Parse(Json(AlertmanagerPayloads.Firing)).Alarms[0];

        Assert.That(direct.Fingerprint, Is.EqualTo(viaAlertmanager.Fingerprint));
    }

    [TestCase("""{"labels":{"alertname":"x"}}""", "$", "must be an array")]
    [TestCase("""[{"annotations":{}}]""", "$[0].labels", "is required")]
    [TestCase("""[{"labels":{"alertname":"x"}}, {"labels":{"job":"y"}}]""", "$[1].labels.alertname", "is required")]
    [TestCase("""[{"labels":{"alertname":"x"},"endsAt":"soon"}]""", "$[0].endsAt", "RFC 3339")]
    [TestCase("""[{"labels":"x"}]""", "$[0].labels", "must be a JSON object")]
    public void A_bad_alert_list_names_the_item_and_field(string body, string field, string message)
    {
        var outcome = _feed.Parse(Json(body));

        Assert.That(outcome.Alarms, Is.Empty);
        Assert.That(outcome.Errors, Has.Some.Matches<Correlation.Ingest.Generic.FieldError>(e => e.Field.StartsWith(field, StringComparison.Ordinal) && e.Message.Contains(message, StringComparison.Ordinal)));
    }
}
