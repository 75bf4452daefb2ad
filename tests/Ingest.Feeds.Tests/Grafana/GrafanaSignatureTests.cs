using System.Net;
using System.Text;
using Correlation.Ingest.Feeds.Grafana;

namespace Correlation.Ingest.Feeds.Tests.Grafana;

/// <summary>Grafana's HMAC-SHA256 signature, with and without the timestamp header, through the endpoint.</summary>
public class GrafanaSignatureTests
{
    private const string Secret = "contact-point-secret-0123456789";
    private const string Route = "/api/v1/feeds/grafana";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(GrafanaPayloads.Notification);

    [Test]
    public async Task Without_a_secret_the_feed_is_open()
    {
        await using var host = await FeedTestHost.StartAsync();

        var response = await host.PostAsync(Route, Body, "application/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(host.Published(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task With_a_secret_only_a_correctly_signed_body_is_accepted()
    {
        await using var host = await FeedTestHost.StartAsync(new Dictionary<string, string> { ["Ingest:Grafana:HmacSecret"] = Secret });
        var signature = GrafanaSignature.Compute(Secret, null, Body);

        var unsigned = await host.PostAsync(Route, Body, "application/json");
        var wrongSecret = await host.PostAsync(Route, Body, "application/json", ("X-Grafana-Alerting-Signature", GrafanaSignature.Compute("other-secret", null, Body)));
        var tampered = await host.PostAsync(Route, Encoding.UTF8.GetBytes(GrafanaPayloads.Notification.Replace("york-db-1", "york-db-9", StringComparison.Ordinal)),
            "application/json", ("X-Grafana-Alerting-Signature", signature));
        var garbage = await host.PostAsync(Route, Body, "application/json", ("X-Grafana-Alerting-Signature", "not-hex"));
        var signed = await host.PostAsync(Route, Body, "application/json", ("X-Grafana-Alerting-Signature", signature.ToUpperInvariant()));

        Assert.Multiple(async () =>
        {
            Assert.That(unsigned.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await FeedTestHost.JsonAsync(unsigned)).GetProperty("detail").GetString(), Does.Contain("X-Grafana-Alerting-Signature"));
            Assert.That(wrongSecret.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(tampered.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(garbage.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(signed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(await unsigned.Content.ReadAsStringAsync(), Does.Not.Contain(Secret));
        });
        Assert.That(host.Published(), Has.Count.EqualTo(2), "only the signed notification's two alerts");
    }

    [Test]
    public async Task With_a_timestamp_header_the_signature_covers_it_and_a_stale_one_is_refused()
    {
        await using var host = await FeedTestHost.StartAsync(new Dictionary<string, string>
        {
            ["Ingest:Grafana:HmacSecret"] = Secret,
            ["Ingest:Grafana:TimestampHeader"] = "X-Grafana-Alerting-Signature-Timestamp",
        });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var old = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var fresh = await host.PostAsync(Route, Body, "application/json",
            ("X-Grafana-Alerting-Signature", GrafanaSignature.Compute(Secret, now, Body)), ("X-Grafana-Alerting-Signature-Timestamp", now));
        var stale = await host.PostAsync(Route, Body, "application/json",
            ("X-Grafana-Alerting-Signature", GrafanaSignature.Compute(Secret, old, Body)), ("X-Grafana-Alerting-Signature-Timestamp", old));
        var bodyOnly = await host.PostAsync(Route, Body, "application/json",
            ("X-Grafana-Alerting-Signature", GrafanaSignature.Compute(Secret, null, Body)), ("X-Grafana-Alerting-Signature-Timestamp", now));
        var noStamp = await host.PostAsync(Route, Body, "application/json", ("X-Grafana-Alerting-Signature", GrafanaSignature.Compute(Secret, now, Body)));

        Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(bodyOnly.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the timestamp is part of what is signed");
        Assert.That(noStamp.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
