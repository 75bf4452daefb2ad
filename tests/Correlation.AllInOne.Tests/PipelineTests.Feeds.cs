using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Correlation.Testing;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// The monitoring feeds through the real pipeline: an Alertmanager notification and PagerDuty events reach
/// the correlator over RabbitMQ and open incidents on the console API; their resolves arrive as clears and
/// resolve them (the host's hold-down is one second). A retried delivery does not count twice: ingest
/// gives it the same idempotency key, and the correlator drops keys it has applied within its dedup horizon.
/// </summary>
public partial class PipelineTests
{
    private Task<HttpResponseMessage> PostFeedAsync(string path, string json) =>
        _pipeline.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static string AlertmanagerNotification(string status, DateTimeOffset startsAt, DateTimeOffset? endsAt, params string[] switches) =>
        JsonSerializer.Serialize(new
        {
            version = "4",
            groupKey = "{}:{site=\"feeds-am\"}",
            status,
            receiver = "correlation",
            externalURL = "http://alertmanager.noc.example:9093",
            alerts = switches.Select(sw => new
            {
                status,
                labels = new Dictionary<string, string>
                {
                    ["alertname"] = "InterfaceDown", ["instance"] = sw + ":9116", ["job"] = "snmp", ["severity"] = "critical", ["site"] = "feeds-am",
                },
                annotations = new { summary = $"Uplink down on {sw}" },
                startsAt = startsAt.ToString("O"),
                endsAt = endsAt?.ToString("O") ?? "0001-01-01T00:00:00Z",
                fingerprint = "fp-" + sw,
            }),
        });

    [Test]
    public async Task Feed_an_Alertmanager_notification_opens_an_incident_a_retry_is_not_counted_twice_and_its_resolve_clears_it()
    {
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var firing = AlertmanagerNotification("firing", startsAt, null, "feeds-am-sw-1", "feeds-am-sw-2");

        var posted = await PostFeedAsync("/api/v1/feeds/alertmanager", firing);
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await posted.Content.ReadAsStringAsync());
        var ids = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarms").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
        await IncidentOfEachAsync(ids);
        await Eventually.ReturnsAsync(() => IncidentsAsync("feeds-am"), list => list.Sum(i => i.GetProperty("alarmCount").GetInt32()) == 2,
            Patience, "both alerts in the site's incidents");

        // Alertmanager sends the same group again (a repeat, or a retry after a lost answer), then a new alert.
        Assert.That((await PostFeedAsync("/api/v1/feeds/alertmanager", firing)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var marker = await PostFeedAsync("/api/v1/feeds/alertmanager", AlertmanagerNotification("firing", startsAt, null, "feeds-am-sw-3"));
        await IncidentOfEachAsync([(await marker.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarms")[0].GetProperty("id").GetGuid()]);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That((await IncidentsAsync("feeds-am")).Sum(i => i.GetProperty("alarmCount").GetInt32()), Is.EqualTo(3),
            "the repeated notification was not counted again");

        var resolved = AlertmanagerNotification("resolved", startsAt, DateTimeOffset.UtcNow, "feeds-am-sw-1", "feeds-am-sw-2", "feeds-am-sw-3");
        Assert.That((await PostFeedAsync("/api/v1/feeds/alertmanager", resolved)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var incidents = await Eventually.ReturnsAsync(() => IncidentsAsync("feeds-am"),
            list => list.Length > 0 && list.All(i => i.GetProperty("state").GetString() == "Resolved"), Patience, "the Alertmanager incidents to resolve");
        Assert.That(incidents.Select(i => i.GetProperty("activeMemberCount").GetInt32()), Has.All.Zero);
    }

    [Test]
    public async Task Feed_PagerDuty_events_open_an_incident_and_a_resolve_clears_it()
    {
        const string trigger = """
            {"routing_key":"feedsroutingkey0123456789abcdefg","event_action":"trigger","dedup_key":"feeds-pd-ups-1/battery",
             "payload":{"summary":"UPS feeds-pd-ups-1 on battery","source":"feeds-pd-ups-1","severity":"critical","class":"power_on_battery",
                        "custom_details":{"site":"feeds-pd"}},
             "client":"Zabbix"}
            """;
        var triggered = await PostFeedAsync("/v2/enqueue", trigger);
        Assert.That(triggered.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await triggered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dedup_key").GetString(), Is.EqualTo("feeds-pd-ups-1/battery"));
        var opened = await Eventually.ReturnsAsync(() => IncidentsAsync("feeds-pd"), list => list.Length == 1, Patience, "the PagerDuty incident");
        Assert.That(opened[0].GetProperty("severity").GetString(), Is.EqualTo("Critical"));

        var ack = await PostFeedAsync("/v2/enqueue", """{"routing_key":"feedsroutingkey0123456789abcdefg","event_action":"acknowledge","dedup_key":"feeds-pd-ups-1/battery"}""");
        var resolve = await PostFeedAsync("/v2/enqueue", """{"routing_key":"feedsroutingkey0123456789abcdefg","event_action":"resolve","dedup_key":"feeds-pd-ups-1/battery"}""");

        Assert.That(ack.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var resolved = await Eventually.ReturnsAsync(() => IncidentsAsync("feeds-pd"),
            list => list.Length == 1 && list[0].GetProperty("state").GetString() == "Resolved", Patience, "the PagerDuty incident to resolve");
        Assert.That(resolved[0].GetProperty("alarmCount").GetInt32(), Is.EqualTo(2), "the trigger and its resolve; the acknowledge is not an alarm");
    }
}
