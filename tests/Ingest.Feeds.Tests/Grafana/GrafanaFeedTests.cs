using Correlation.Contracts;
using Correlation.Ingest.Feeds.Grafana;
using static Correlation.Ingest.Feeds.Tests.FeedRequests;

namespace Correlation.Ingest.Feeds.Tests.Grafana;

public class GrafanaFeedTests
{
    private readonly GrafanaFeed _feed = new(Options());

    [Test]
    public void Firing_and_resolved_alerts_map_with_Grafanas_fields_in_details()
    {
        var outcome = _feed.Parse(Json(GrafanaPayloads.Notification));

        Assert.That(outcome.Errors, Is.Empty);
        var (firing, resolved) = (outcome.Alarms[0], outcome.Alarms[1]);
        Assert.Multiple(() =>
        {
            Assert.That(firing.SourceKind, Is.EqualTo(SourceKind.Grafana));
            Assert.That(firing.SourceName, Is.EqualTo("grafana"));
            Assert.That(firing.Resource, Is.EqualTo("york-db-1"), "the host label");
            Assert.That(firing.Site, Is.EqualTo("york"));
            Assert.That(firing.AlarmType, Is.EqualTo("High memory usage"));
            Assert.That(firing.Severity, Is.EqualTo(AlarmSeverity.Warning));
            Assert.That(firing.Status, Is.EqualTo(AlarmStatus.Raised));
            Assert.That(firing.Summary, Is.EqualTo("Memory above 95% on york-db-1"));
            Assert.That(firing.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 9, 30, 3, TimeSpan.Zero).AddTicks(1570760)));
            Assert.That(firing.Labels["grafana_folder"], Is.EqualTo("Infra"));
            Assert.That(firing.Details["values"], Is.EqualTo("""{ "B": 96.3, "C": 1 }"""));
            Assert.That(firing.Details["valueString"], Does.StartWith("[ var='B'"));
            Assert.That(firing.Details["dashboardURL"], Is.EqualTo("https://grafana.noc.example/d/db-overview"));
            Assert.That(firing.Details["panelURL"], Does.EndWith("viewPanel=4"));
            Assert.That(firing.Details["silenceURL"], Does.Contain("silence/new"));
            Assert.That(firing.Details["imageURL"], Does.EndWith("mem.png"));
            Assert.That(firing.Details["fingerprint"], Is.EqualTo("c6eadffa33fcdf37"));
            Assert.That(firing.Details["title"], Is.EqualTo("[FIRING:1, RESOLVED:1] Infra"));
            Assert.That(firing.Details["state"], Is.EqualTo("alerting"));
            Assert.That(firing.Details["orgId"], Is.EqualTo("1"));
            Assert.That(firing.Details["runbook_url"], Is.EqualTo("https://runbooks.example/memory"));
            Assert.That(firing.IdempotencyKey, Does.StartWith("grafana:c6eadffa33fcdf37:firing:"));
            Assert.That(resolved.Status, Is.EqualTo(AlarmStatus.Cleared));
            Assert.That(resolved.Severity, Is.EqualTo(AlarmSeverity.Critical));
            Assert.That(resolved.Summary, Is.EqualTo("p99 write latency back under 20 ms"));
            Assert.That(resolved.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 35, 0, TimeSpan.Zero)));
            Assert.That(resolved.Details.ContainsKey("dashboardURL"), Is.False, "empty links are left out");
        });
    }

    [Test]
    public void Alertmanagers_version_is_refused_here()
    {
        var outcome = _feed.Parse(Json(GrafanaPayloads.Notification.Replace("\"version\": \"1\"", "\"version\": \"4\"", StringComparison.Ordinal)));

        Assert.That(outcome.Errors.Select(e => e.Field), Is.EqualTo(new[] { "$.version" }));
    }
}
