using System.Net;
using System.Text.Json;

namespace Correlation.Ingest.Chat.Tests.Mattermost;

/// <summary>The Mattermost outgoing webhook: the token field in constant time, form or JSON, the trigger word removed.</summary>
public class MattermostWebhookTests
{
    private ChatTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await ChatTestHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_form_report_is_published_and_answered_with_text()
    {
        var channel = ChatTestHost.UniqueChannel("mm");

        var response = await _host.PostMattermostAsync(Payloads.Mattermost("noc report file shares unreachable from Leeds", channel));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var alarm = _host.PublishedFrom(channel).Single();
        var answer = await ChatTestHost.JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("text").GetString(), Does.StartWith($"Reported to the NOC as alarm {alarm.Id} (site leeds, service file-shares, severity major)."));
            Assert.That(alarm.SourceName, Is.EqualTo("mattermost"));
            Assert.That(alarm.Summary, Is.EqualTo("file shares unreachable from Leeds"));
            Assert.That(alarm.IdempotencyKey, Is.EqualTo("mattermost:dwfi5ukkq3ds8bptoy1fbcojxe"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1763892900000)));
            Assert.That(alarm.Labels["channel"], Is.EqualTo("town-square"));
        });
    }

    [Test]
    public async Task A_JSON_report_is_read_the_same_way()
    {
        var channel = ChatTestHost.UniqueChannel("mm");
        var json = JsonSerializer.Serialize(new
        {
            token = ChatTestHost.MattermostToken, channel_id = channel, channel_name = "noc", user_id = "u1", user_name = "sam",
            post_id = "p" + channel, text = "@noc: report Hull link down", trigger_word = "@noc", timestamp = 1763892900,
        });

        var response = await _host.PostMattermostAsync(json, "application/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var alarm = _host.PublishedFrom(channel).Single();
        Assert.That(alarm.Summary, Is.EqualTo("Hull link down"));
        Assert.That(alarm.Site, Is.EqualTo("hull"));
        Assert.That(alarm.ObservedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1763892900)));
    }

    [Test]
    public async Task A_wrong_or_missing_token_gets_401_and_nothing_is_published()
    {
        var channel = ChatTestHost.UniqueChannel("mm");
        var good = Payloads.Mattermost("noc report wifi down in York", channel);

        var wrong = await _host.PostMattermostAsync(Payloads.Mattermost("noc report wifi down in York", channel, token: ChatTestHost.MattermostToken + "x"));
        var prefix = await _host.PostMattermostAsync(Payloads.Mattermost("noc report wifi down in York", channel, token: ChatTestHost.MattermostToken[..^1]));
        var none = await _host.PostMattermostAsync(good.Replace("token=", "tokn=", StringComparison.Ordinal));

        Assert.That(new[] { wrong.StatusCode, prefix.StatusCode, none.StatusCode }, Has.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await ChatTestHost.ProblemAsync(wrong)).Error, Is.EqualTo("unauthorized"));
        Assert.That(_host.PublishedFrom(channel), Is.Empty);
    }

    [Test]
    public async Task Help_is_answered_with_the_trigger_word_and_publishes_nothing()
    {
        var channel = ChatTestHost.UniqueChannel("mm");

        var response = await _host.PostMattermostAsync(Payloads.Mattermost("noc help", channel));

        Assert.That((await ChatTestHost.JsonAsync(response)).GetProperty("text").GetString(), Does.Contain("noc report <what is wrong>"));
        Assert.That(_host.PublishedFrom(channel), Is.Empty);
    }

    [Test]
    public async Task A_token_with_no_text_gets_400()
    {
        var response = await _host.PostMattermostAsync(Payloads.Form(("token", ChatTestHost.MattermostToken), ("channel_id", "c"), ("user_id", "u")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ChatTestHost.ProblemAsync(response)).Fields, Is.EqualTo(new[] { "text" }));
    }
}
