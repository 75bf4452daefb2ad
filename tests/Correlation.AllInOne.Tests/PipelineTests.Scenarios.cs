using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Correlation.Testing;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// The seed scenarios of the correlator, through HTTP ingest, RabbitMQ, the correlator's window in Redis
/// and the console, on the sample CMDB. Each scenario's alarms carry their own observation times, days
/// apart from the other tests', so that no window reaches across tests; incidents are found from the
/// alarms' decision records, not by site.
/// </summary>
public partial class PipelineTests
{
    private static JsonObject Alarm(DateTimeOffset at, string resource, string type, string severity, string summary,
        string? site = null, string? service = null, string? instance = null, string source = "scenario")
    {
        var alarm = new JsonObject
        {
            ["resource"] = resource,
            ["alarmType"] = type,
            ["severity"] = severity,
            ["summary"] = summary,
            ["source"] = source,
            ["observedAt"] = at.ToString("O"),
        };
        if (site is not null)
        {
            alarm["site"] = site;
        }

        if (service is not null)
        {
            alarm["service"] = service;
        }

        if (instance is not null)
        {
            alarm["labels"] = new JsonObject { ["instance"] = instance };
        }

        return alarm;
    }

    /// <summary>Posts the alarms as one batch; returns their ids in order.</summary>
    private async Task<IReadOnlyList<Guid>> PostBatchAsync(IEnumerable<JsonObject> alarms)
    {
        var body = new JsonArray([.. alarms]).ToJsonString();
        using var response = await _pipeline.Client.PostAsync("/api/v1/alarms/batch", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. accepted.GetProperty("alarms").EnumerateArray().Select(a => a.GetProperty("id").GetGuid())];
    }

    /// <summary>Waits for every alarm's decision record; returns the incident that holds each alarm now.</summary>
    private async Task<IReadOnlyList<Guid>> IncidentOfEachAsync(IReadOnlyList<Guid> alarms) =>
        await Eventually.ReturnsAsync(async () =>
        {
            var incidents = new List<Guid>();
            foreach (var alarm in alarms)
            {
                using var response = await _pipeline.Client.GetAsync($"/api/v1/alarms/{alarm}/explanation");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return null;
                }

                var record = await response.Content.ReadFromJsonAsync<JsonElement>();
                incidents.Add(record.GetProperty("currentIncidentId").GetGuid());
            }

            return incidents;
        }, found => found is not null, Patience, "every alarm's decision record") ?? [];

    /// <summary>The decision records of the alarms, for a failure message that says why they went where they went.</summary>
    private async Task<string> WhyAsync(IEnumerable<Guid> alarms)
    {
        var lines = new List<string>();
        foreach (var alarm in alarms)
        {
            var record = await _pipeline.Client.GetFromJsonAsync<JsonElement>($"/api/v1/alarms/{alarm}/explanation");
            lines.Add($"{record.GetProperty("decision")} {record.GetProperty("incidentId")}: {record.GetProperty("reason")} "
                + string.Join("; ", record.GetProperty("candidates").EnumerateArray().Select(c =>
                    $"{c.GetProperty("incidentId")} {c.GetProperty("score").GetProperty("total").GetDouble():0.000} {c.GetProperty("score").GetProperty("relation")}")));
        }

        return string.Join("\n", lines);
    }

    private async Task<JsonElement> IncidentAsync(Guid id) =>
        await Eventually.ReturnsAsync(async () =>
        {
            using var response = await _pipeline.Client.GetAsync($"/api/v1/incidents/{id}");
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }, found => found.ValueKind == JsonValueKind.Object, Patience, $"incident {id} on the console");

    [Test]
    public async Task Scenario_1_a_switch_dropping_packets_with_its_application_alarms_and_user_reports_is_one_incident_caused_by_the_switch_and_a_firewall_change_another()
    {
        var t = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var ids = await PostBatchAsync(
        [
            Alarm(t, "leeds-asw-03", "high_cpu", "critical", "CPU at 100% on leeds-asw-03, dropping packets"),
            Alarm(t.AddSeconds(20), "leeds-asw-03", "packet_loss", "major", "output drops on the uplink of leeds-asw-03", instance: "Gi0/48"),
            Alarm(t.AddSeconds(45), "leeds-fs-01", "http_check_failed", "critical", "File shares: synthetic check failing from the Leeds office",
                service: "file-shares", source: "alertmanager"),
            Alarm(t.AddSeconds(60), "leeds-pbx-01", "voip_quality_poor", "major", "Telephony: MOS below 3.5 on Leeds calls",
                service: "voip", source: "voice-monitor"),
            Alarm(t.AddSeconds(150), "leeds", "user_report", "major", "the network drives are down at the Leeds office",
                site: "leeds", instance: "chat-7f3a", source: "chat"),
            Alarm(t.AddSeconds(240), "file-shares", "user_report", "major", "cannot open anything on the network drives",
                service: "file-shares", instance: "mail-91c2", source: "email"),
            // At the same moment, elsewhere: a firewall rule change, which is not part of the switch fault.
            Alarm(t.AddSeconds(30), "ldn-fw-01", "config_change", "info", "firewall policy 42 changed by netops", source: "syslog"),
        ]);

        var incidents = await IncidentOfEachAsync(ids);

        var why = await WhyAsync(ids);
        Assert.That(incidents.Take(6).Distinct().Count(), Is.EqualTo(1), "the switch, the applications and the reports are one incident\n" + why);
        Assert.That(incidents[6], Is.Not.EqualTo(incidents[0]), "the firewall change stays an incident of its own\n" + why);
        var incident = await Eventually.ReturnsAsync(() => IncidentAsync(incidents[0]),
            i => i.GetProperty("incident").GetProperty("alarmCount").GetInt32() == 6, Patience, "all six alarms on the console");
        Assert.That(incident.GetProperty("incident").GetProperty("probableCause").GetString(), Is.EqualTo("device leeds-asw-03"));
    }

    [Test]
    public async Task Scenario_2_fifty_alarms_from_one_site_going_down_within_a_minute_are_one_incident()
    {
        var t = new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero);
        string[] devices = ["hull-ups-01", "hull-rtr-01", "hull-dsw-01", "hull-asw-01", "hull-mw-01"];
        string[] types = ["link_down", "device_unreachable", "power_supply_failure", "bgp_session_down", "interface_down"];
        var alarms = Enumerable.Range(0, 50).Select(i => Alarm(t.AddSeconds(i * 1.2), devices[i % devices.Length], types[(i / 5) % types.Length],
            i % 3 == 0 ? "critical" : "major", $"{types[(i / 5) % types.Length]} on {devices[i % devices.Length]} port {i}", instance: $"port-{i}"));

        var incidents = await IncidentOfEachAsync(await PostBatchAsync(alarms));

        Assert.That(incidents.Distinct().Count(), Is.EqualTo(1));
        var incident = await Eventually.ReturnsAsync(() => IncidentAsync(incidents[0]),
            i => i.GetProperty("incident").GetProperty("alarmCount").GetInt32() == 50, Patience, "all fifty alarms on the console");
        Assert.That(incident.GetProperty("incident").GetProperty("memberCount").GetInt32(), Is.EqualTo(50));
    }

    [Test]
    public async Task Scenario_3_two_alarms_on_either_side_of_a_cut_link_are_one_incident_with_the_link_as_cause()
    {
        var t = new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);
        var ids = await PostBatchAsync(
        [
            Alarm(t, "leeds-mw-01", "link_down", "critical", "radio link hull-microwave towards hull-mw-01 down", instance: "hull-microwave"),
            Alarm(t.AddSeconds(50), "hull-asw-01", "device_unreachable", "critical", "hull-asw-01 is not answering ICMP or SNMP polls",
                source: "nms-poller"),
        ]);

        var incidents = await IncidentOfEachAsync(ids);

        Assert.That(incidents.Distinct().Count(), Is.EqualTo(1));
        var incident = await Eventually.ReturnsAsync(() => IncidentAsync(incidents[0]),
            i => i.GetProperty("incident").GetProperty("alarmCount").GetInt32() == 2, Patience, "both alarms on the console");
        Assert.That(incident.GetProperty("incident").GetProperty("probableCause").GetString(), Is.EqualTo("link hull-microwave"));
    }

    [Test]
    public async Task Scenario_4_two_unrelated_faults_in_two_regions_at_the_same_moment_are_two_incidents()
    {
        var t = new DateTimeOffset(2026, 3, 23, 9, 0, 0, TimeSpan.Zero);
        var ids = await PostBatchAsync(
        [
            Alarm(t, "york-asw-01", "high_cpu", "major", "CPU at 100% on york-asw-01"),
            Alarm(t.AddSeconds(1), "bristol-asw-02", "interface_errors", "minor", "CRC errors on the uplink of bristol-asw-02", instance: "Gi0/1"),
            Alarm(t.AddSeconds(5), "york-asw-01", "packet_loss", "major", "packet loss to the core from york-asw-01"),
            Alarm(t.AddSeconds(6), "bristol-asw-01", "interface_errors", "minor", "CRC errors on the uplink of bristol-asw-01", instance: "Gi0/1"),
        ]);

        var incidents = await IncidentOfEachAsync(ids);

        Assert.That(incidents[2], Is.EqualTo(incidents[0]));
        Assert.That(incidents[3], Is.EqualTo(incidents[1]));
        Assert.That(incidents[0], Is.Not.EqualTo(incidents[1]));
    }
}
