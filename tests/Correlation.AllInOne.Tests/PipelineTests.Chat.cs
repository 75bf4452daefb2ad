using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Correlation.Testing;

namespace Correlation.AllInOne.Tests;

/// <summary>
/// Chat ingest through the real pipeline: a problem reported in Slack ("the network drives are down at the Leeds
/// office") and a Leeds switch's alarm from the generic feed end up in one incident, because the report is placed
/// at the site the CMDB recognises in its text. Slack's redelivery of the event adds nothing.
/// </summary>
public partial class PipelineTests
{
    private const string SlackSigningSecret = PipelineSecrets.SlackSigningSecret;

    private Task<HttpResponseMessage> PostSlackEventAsync(string json, params (string Name, string Value)[] headers)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(SlackSigningSecret));
        var signature = "v0=" + Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body]));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/slack/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return _pipeline.Client.SendAsync(request);
    }

    private static string SlackMention(string text, DateTimeOffset writtenAt) =>
        JsonSerializer.Serialize(new
        {
            token = "XXYYZZ",
            team_id = "T0PIPELINE",
            api_app_id = "A0NOCAPP1",
            type = "event_callback",
            event_id = "Ev0PIPE0001",
            event_time = writtenAt.ToUnixTimeSeconds(),
            @event = new
            {
                type = "app_mention",
                user = "U0REPORTER",
                text,
                ts = (writtenAt.ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", CultureInfo.InvariantCulture),
                channel = "C0PIPELINE",
                event_ts = (writtenAt.ToUnixTimeMilliseconds() / 1000m).ToString("0.000000", CultureInfo.InvariantCulture),
            },
        });

    [Test]
    public async Task Chat_a_Slack_report_and_a_switch_alarm_from_the_same_site_are_one_incident()
    {
        // Written at a time of its own, weeks from the other tests' alarms, so that no window reaches across tests.
        var t = new DateTimeOffset(2026, 2, 10, 9, 41, 0, TimeSpan.Zero);
        var mention = SlackMention("<@U0NOCBOT1> the network drives are down at the Leeds office", t);

        using var reported = await PostSlackEventAsync(mention);
        Assert.That(reported.StatusCode, Is.EqualTo(HttpStatusCode.OK), await reported.Content.ReadAsStringAsync());
        var report = (await reported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarmId").GetGuid();
        using var posted = await PostAsync(Alarm(t.AddSeconds(40), "leeds-asw-01", "link_down", "major", "uplink Gi0/48 down on leeds-asw-01",
            instance: "Gi0/48", source: "nms").ToJsonString());
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await posted.Content.ReadAsStringAsync());
        var switchAlarm = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarms")[0].GetProperty("id").GetGuid();

        var incidents = await IncidentOfEachAsync([report, switchAlarm]);

        Assert.That(incidents[1], Is.EqualTo(incidents[0]), "the report and the switch alarm are one incident\n" + await WhyAsync([report, switchAlarm]));
        var incident = await Eventually.ReturnsAsync(() => IncidentAsync(incidents[0]),
            i => i.GetProperty("incident").GetProperty("alarmCount").GetInt32() == 2, Patience, "both alarms on the console");
        Assert.That(incident.GetProperty("incident").GetProperty("site").GetString(), Is.EqualTo("leeds"));

        // Slack redelivers the event (its answer came too late, say): the same alarm, nothing new in the incident.
        using var retried = await PostSlackEventAsync(mention, ("X-Slack-Retry-Num", "1"), ("X-Slack-Retry-Reason", "http_timeout"));
        Assert.That((await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarmId").GetGuid(), Is.EqualTo(report));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.That((await IncidentAsync(incidents[0])).GetProperty("incident").GetProperty("alarmCount").GetInt32(), Is.EqualTo(2));
    }
}

/// <summary>
/// Gives the pipeline host Chat's Slack secret through the environment, which the host reads as configuration
/// (Section__Key), so that PipelineHost, shared by every pipeline test, keeps naming only what all of them need.
/// A set-up fixture runs before any fixture of the namespace, so before PipelineTests starts its host.
/// </summary>
[SetUpFixture]
public class PipelineSecrets
{
    internal const string SlackSigningSecret = "pipeline-slack-signing-secret-0123456789";
    private const string Variable = "Chat__Slack__SigningSecret";

    [OneTimeSetUp]
    public void SetSecret() => Environment.SetEnvironmentVariable(Variable, SlackSigningSecret);

    [OneTimeTearDown]
    public void ClearSecret() => Environment.SetEnvironmentVariable(Variable, null);
}
