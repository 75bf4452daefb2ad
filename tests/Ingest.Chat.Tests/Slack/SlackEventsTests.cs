using System.Net;
using Correlation.Contracts;

namespace Correlation.Ingest.Chat.Tests.Slack;

/// <summary>The Events API endpoint: URL check, signatures and their age, reports from mentions and channels, redeliveries.</summary>
public class SlackEventsTests
{
    private static readonly DateTimeOffset WrittenAt = new(2026, 11, 23, 10, 14, 0, TimeSpan.Zero);
    private ChatTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await ChatTestHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task The_url_verification_challenge_is_echoed()
    {
        var response = await _host.PostSlackEventAsync(Payloads.SlackUrlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ChatTestHost.JsonAsync(response)).GetProperty("challenge").GetString(),
            Is.EqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    [Test]
    public async Task An_app_mention_becomes_a_user_report_alarm_at_the_site_it_names()
    {
        var channel = ChatTestHost.UniqueChannel();
        var json = Payloads.SlackEvent("app_mention", channel, "<@U0NOCBOT1> the network drives are down at the Leeds office", Payloads.SlackTs(WrittenAt));

        var response = await _host.PostSlackEventAsync(json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var alarm = _host.PublishedFrom(channel).Single();
        var answer = await ChatTestHost.JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("alarmId").GetGuid(), Is.EqualTo(alarm.Id));
            Assert.That(alarm.SourceKind, Is.EqualTo(SourceKind.Chat));
            Assert.That(alarm.SourceName, Is.EqualTo("slack"));
            Assert.That(alarm.AlarmType, Is.EqualTo("user_report"));
            Assert.That(alarm.Resource, Is.EqualTo("leeds"));
            Assert.That(alarm.Site, Is.EqualTo("leeds"));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Major), "\"down\" raises a report to major");
            Assert.That(alarm.Summary, Is.EqualTo("the network drives are down at the Leeds office"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(WrittenAt), "when the message was written");
            Assert.That(alarm.IdempotencyKey, Is.EqualTo($"slack:T061EG9RZ:{channel}:{Payloads.SlackTs(WrittenAt)}"));
            Assert.That(alarm.Labels["platform"], Is.EqualTo("slack"));
            Assert.That(alarm.Labels["reporter"], Is.EqualTo("U061F7AUR"));
            Assert.That(alarm.Details["event_id"], Is.EqualTo("Ev0PV52K21"));
        });
    }

    [Test]
    public async Task A_wrong_or_missing_signature_gets_401_and_nothing_is_published()
    {
        var channel = ChatTestHost.UniqueChannel();
        var json = Payloads.SlackEvent("app_mention", channel, "<@U0NOCBOT1> wifi down in York", Payloads.SlackTs(WrittenAt));
        var body = System.Text.Encoding.UTF8.GetBytes(json);
        var now = Signers.Now();
        var stamp = now.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var wrongSecret = await _host.PostSlackEventAsync(json, secret: "not-the-signing-secret-0123456789");
        var unsigned = await _host.PostAsync("/api/v1/chat/slack/events", body, "application/json", ("X-Slack-Request-Timestamp", stamp));
        var tampered = await _host.PostAsync("/api/v1/chat/slack/events", body, "application/json",
            ("X-Slack-Request-Timestamp", stamp), ("X-Slack-Signature", Signers.Slack(ChatTestHost.SlackSecret, now, System.Text.Encoding.UTF8.GetBytes(json.Replace("York", "Hull", StringComparison.Ordinal)))));
        var otherStamp = await _host.PostAsync("/api/v1/chat/slack/events", body, "application/json",
            ("X-Slack-Request-Timestamp", (now - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("X-Slack-Signature", Signers.Slack(ChatTestHost.SlackSecret, now, body)));

        Assert.That(new[] { wrongSecret.StatusCode, unsigned.StatusCode, tampered.StatusCode, otherStamp.StatusCode }, Has.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await ChatTestHost.ProblemAsync(wrongSecret)).Error, Is.EqualTo("unauthorized"));
        Assert.That(await wrongSecret.Content.ReadAsStringAsync(), Does.Not.Contain(ChatTestHost.SlackSecret));
        Assert.That(_host.PublishedFrom(channel), Is.Empty);
    }

    [TestCase(-301)]
    [TestCase(+301)]
    public async Task A_correctly_signed_request_more_than_five_minutes_from_now_gets_401(int seconds)
    {
        var channel = ChatTestHost.UniqueChannel();
        var json = Payloads.SlackEvent("app_mention", channel, "<@U0NOCBOT1> wifi down in York", Payloads.SlackTs(WrittenAt));

        var stale = await _host.PostSlackEventAsync(json, timestamp: Signers.Now() + seconds);
        var fresh = await _host.PostSlackEventAsync(json, timestamp: Signers.Now() + (seconds > 0 ? 240 : -240));

        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await stale.Content.ReadAsStringAsync(), Does.Contain("X-Slack-Request-Timestamp"));
        Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.OK), "within the window");
        Assert.That(_host.PublishedFrom(channel), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_retried_event_publishes_one_alarm_and_every_delivery_is_answered_with_it()
    {
        var channel = ChatTestHost.UniqueChannel();
        var json = Payloads.SlackEvent("app_mention", channel, "<@U0NOCBOT1> VoIP phones are dead in Bradford", Payloads.SlackTs(WrittenAt), eventId: "Ev0RETRY01");

        var first = await _host.PostSlackEventAsync(json);
        // Slack redelivers what it did not see answered in time, some at once and some later, each signed afresh.
        var retries = await Task.WhenAll(Enumerable.Range(1, 3).Select(n =>
            _host.PostSlackEventAsync(json, headers: [("X-Slack-Retry-Num", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("X-Slack-Retry-Reason", "http_timeout")])));

        Assert.That(retries.Prepend(first).Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
        var alarm = _host.PublishedFrom(channel).Single();
        foreach (var retry in retries)
        {
            var answer = await ChatTestHost.JsonAsync(retry);
            Assert.That(answer.GetProperty("alarmId").GetGuid(), Is.EqualTo(alarm.Id));
            Assert.That(answer.GetProperty("repeated").GetBoolean(), Is.True);
        }
    }

    [Test]
    public async Task Concurrent_deliveries_of_one_event_publish_once()
    {
        var channel = ChatTestHost.UniqueChannel();
        var json = Payloads.SlackEvent("app_mention", channel, "<@U0NOCBOT1> York office printers offline", Payloads.SlackTs(WrittenAt));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _host.PostSlackEventAsync(json)));

        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(_host.PublishedFrom(channel), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_mention_and_the_message_event_Slack_sends_beside_it_are_one_report()
    {
        var channel = ChatTestHost.ReportChannel;
        var ts = Payloads.SlackTs(WrittenAt.AddSeconds(7));
        var text = "<@U0NOCBOT1> internet access is down in Bristol";

        await _host.PostSlackEventAsync(Payloads.SlackEvent("app_mention", channel, text, ts, eventId: "Ev0TWIN001"));
        await _host.PostSlackEventAsync(Payloads.SlackEvent("message", channel, text, ts, eventId: "Ev0TWIN002"));

        Assert.That(_host.PublishedFrom(channel).Where(a => a.Details["ts"] == ts).ToList(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Channel_messages_are_reports_only_in_configured_channels_and_when_they_sound_like_one()
    {
        var other = ChatTestHost.UniqueChannel();
        var reports = ChatTestHost.ReportChannel;

        var inOther = await _host.PostSlackEventAsync(Payloads.SlackEvent("message", other, "email is down for everyone", Payloads.SlackTs(WrittenAt)));
        var chatter = await _host.PostSlackEventAsync(Payloads.SlackEvent("message", reports, "morning all, coffee in the kitchen", Payloads.SlackTs(WrittenAt.AddSeconds(1))));
        var edit = await _host.PostSlackEventAsync(Payloads.SlackEvent("message", reports, "email is down", Payloads.SlackTs(WrittenAt.AddSeconds(2)), subtype: "message_changed"));
        var bot = await _host.PostSlackEventAsync(Payloads.SlackEvent("message", reports, "email is down", Payloads.SlackTs(WrittenAt.AddSeconds(3)), botId: "B0BOT"));
        var report = await _host.PostSlackEventAsync(Payloads.SlackEvent("message", reports, "Email is not working for the York team", Payloads.SlackTs(WrittenAt.AddSeconds(4))));

        Assert.That(new[] { inOther, chatter, edit, bot, report }.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.OK));
        var published = _host.PublishedFrom(reports).Where(a => a.ObservedAt >= WrittenAt.AddSeconds(1) && a.ObservedAt <= WrittenAt.AddSeconds(4)).ToList();
        Assert.That(published.Select(a => a.Summary), Is.EqualTo(new[] { "Email is not working for the York team" }));
        Assert.That(published[0].Site, Is.EqualTo("york"));
        Assert.That(published[0].Service, Is.EqualTo("email"));
        Assert.That(published[0].Severity, Is.EqualTo(AlarmSeverity.Minor), "no word that makes it major");
        Assert.That(_host.PublishedFrom(other), Is.Empty);
    }

    [Test]
    public async Task A_mention_asking_for_help_or_saying_nothing_is_not_a_report()
    {
        var channel = ChatTestHost.UniqueChannel();

        await _host.PostSlackEventAsync(Payloads.SlackEvent("app_mention", channel, "<@U0NOCBOT1> help", Payloads.SlackTs(WrittenAt)));
        await _host.PostSlackEventAsync(Payloads.SlackEvent("app_mention", channel, "<@U0NOCBOT1>", Payloads.SlackTs(WrittenAt.AddSeconds(1))));
        await _host.PostSlackEventAsync(Payloads.SlackEvent("app_mention", channel, "<@U0NOCBOT1> report site=leeds", Payloads.SlackTs(WrittenAt.AddSeconds(2))));

        Assert.That(_host.PublishedFrom(channel), Is.Empty);
    }

    [TestCase("""{"type":"event_callback","event":{"type":"app_mention","text":"wifi down","ts":"1.0"}}""", "$.event.user")]
    [TestCase("""{"type":"event_callback","event":"app_mention"}""", "$.event")]
    [TestCase("""{"challenge":"abc"}""", "$.type")]
    [TestCase("""{"type":"url_verification"}""", "$.challenge")]
    [TestCase("""[1,2,3]""", "$")]
    [TestCase("""{"type":"event_callback",""", "$")]
    public async Task A_signed_payload_that_is_not_what_Slack_sends_gets_400_naming_the_field(string json, string field)
    {
        var before = _host.Published().Count;

        var response = await _host.PostSlackEventAsync(json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var (error, fields) = await ChatTestHost.ProblemAsync(response);
        Assert.That(error, Is.EqualTo("invalid_payload"));
        Assert.That(fields, Does.Contain(field));
        Assert.That(_host.Published(), Has.Count.EqualTo(before));
    }

    [Test]
    public async Task A_body_that_is_not_JSON_gets_415()
    {
        var response = await _host.PostSlackAsync("/api/v1/chat/slack/events", "type=url_verification", "application/x-www-form-urlencoded");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
    }
}
