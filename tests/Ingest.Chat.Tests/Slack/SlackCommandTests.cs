using System.Net;
using Correlation.Contracts;

namespace Correlation.Ingest.Chat.Tests.Slack;

/// <summary>The /noc slash command: a signed form, answered with an ephemeral message once the broker holds the alarm.</summary>
public class SlackCommandTests
{
    private ChatTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await ChatTestHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task A_report_is_answered_ephemerally_with_the_alarm_id_its_place_and_a_console_link()
    {
        var channel = ChatTestHost.UniqueChannel();

        var response = await _host.PostSlackCommandAsync(Payloads.SlackCommand("report the card machines keep failing in Bristol service=payments", channel));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var alarm = _host.PublishedFrom(channel).Single();
        var answer = await ChatTestHost.JsonAsync(response);
        var text = answer.GetProperty("text").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("response_type").GetString(), Is.EqualTo("ephemeral"));
            Assert.That(text, Does.Contain(alarm.Id.ToString()));
            Assert.That(text, Does.Contain("site bristol, service payments"));
            Assert.That(text, Does.Contain($"https://noc.example/console/api/v1/alarms/{alarm.Id}/explanation"));
            Assert.That(alarm.Site, Is.EqualTo("bristol"));
            Assert.That(alarm.Service, Is.EqualTo("payments"));
            Assert.That(alarm.Details["service_from"], Is.EqualTo("key"));
            Assert.That(alarm.Details["site_from"], Is.EqualTo("text"));
            Assert.That(alarm.Summary, Is.EqualTo("the card machines keep failing in Bristol"), "key=value words are not part of the summary");
            Assert.That(alarm.Labels["reporter"], Is.EqualTo("sam.jones"));
            Assert.That(alarm.Labels["channel"], Is.EqualTo("noc-reports"));
            Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Minor));
        });
    }

    [Test]
    public async Task Help_and_unknown_words_are_answered_with_the_usage_and_publish_nothing()
    {
        var channel = ChatTestHost.UniqueChannel();

        var help = await ChatTestHost.JsonAsync(await _host.PostSlackCommandAsync(Payloads.SlackCommand("help", channel)));
        var nothing = await ChatTestHost.JsonAsync(await _host.PostSlackCommandAsync(Payloads.SlackCommand("", channel)));
        var unknown = await ChatTestHost.JsonAsync(await _host.PostSlackCommandAsync(Payloads.SlackCommand("status of leeds", channel)));
        var empty = await ChatTestHost.JsonAsync(await _host.PostSlackCommandAsync(Payloads.SlackCommand("report site=leeds", channel)));

        Assert.Multiple(() =>
        {
            Assert.That(help.GetProperty("response_type").GetString(), Is.EqualTo("ephemeral"));
            Assert.That(help.GetProperty("text").GetString(), Does.Contain("/noc report &lt;what is wrong&gt; [site=&lt;site&gt;]"), "escaped for Slack");
            Assert.That(nothing.GetProperty("text").GetString(), Is.EqualTo(help.GetProperty("text").GetString()));
            Assert.That(unknown.GetProperty("text").GetString(), Does.StartWith("I don't know \"status\""));
            Assert.That(empty.GetProperty("text").GetString(), Does.StartWith("Say what is wrong"));
        });
        Assert.That(_host.PublishedFrom(channel), Is.Empty);
    }

    [Test]
    public async Task A_site_the_cmdb_does_not_know_is_kept_and_the_reporter_is_told()
    {
        var channel = ChatTestHost.UniqueChannel();

        var response = await _host.PostSlackCommandAsync(Payloads.SlackCommand("report no wifi on floor 3 site=leds", channel));

        var alarm = _host.PublishedFrom(channel).Single();
        Assert.That(alarm.Site, Is.EqualTo("leds"));
        Assert.That(alarm.Resource, Is.EqualTo("leds"));
        Assert.That((await ChatTestHost.JsonAsync(response)).GetProperty("text").GetString(), Does.Contain("the CMDB has no site \"leds\""));
    }

    [Test]
    public async Task A_bad_or_stale_signature_gets_401_and_nothing_is_published()
    {
        var channel = ChatTestHost.UniqueChannel();
        var form = Payloads.SlackCommand("report wifi down in York", channel);

        var wrong = await _host.PostSlackCommandAsync(form, secret: "someone-elses-signing-secret-0000");
        var stale = await _host.PostSlackCommandAsync(form, timestamp: Signers.Now() - 360);

        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_host.PublishedFrom(channel), Is.Empty);
    }

    [Test]
    public async Task Another_command_or_missing_fields_get_400_naming_them()
    {
        var channel = ChatTestHost.UniqueChannel();

        var other = await _host.PostSlackCommandAsync(Payloads.SlackCommand("report wifi down", channel, command: "/deploy"));
        var missing = await _host.PostSlackCommandAsync(Payloads.Form(("command", "/noc"), ("text", "report wifi down")));

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ChatTestHost.ProblemAsync(other)).Fields, Is.EqualTo(new[] { "command" }));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ChatTestHost.ProblemAsync(missing)).Fields, Is.EqualTo(new[] { "user_id", "channel_id" }));
        Assert.That(_host.PublishedFrom(channel), Is.Empty);
    }

    [Test]
    public async Task The_same_invocation_sent_twice_is_one_alarm_and_two_invocations_are_a_repeat_by_fingerprint()
    {
        var channel = ChatTestHost.UniqueChannel();
        var form = Payloads.SlackCommand("report York wifi down", channel, triggerId: "13345224609.738474920.8088930838d88f008e0");

        await _host.PostSlackCommandAsync(form);
        await _host.PostSlackCommandAsync(form);
        await _host.PostSlackCommandAsync(Payloads.SlackCommand("report wifi still down at York", channel));
        await _host.PostSlackCommandAsync(Payloads.SlackCommand("report wifi still down at York", channel, user: "U0OTHER01"));

        var published = _host.PublishedFrom(channel);
        Assert.That(published, Has.Count.EqualTo(3));
        Assert.That(published[1].Fingerprint, Is.EqualTo(published[0].Fingerprint), "the same person about the same site: a repeat");
        Assert.That(published[2].Fingerprint, Is.Not.EqualTo(published[0].Fingerprint), "another person: a report of their own");
        Assert.That(published[1].IdempotencyKey, Is.Not.EqualTo(published[0].IdempotencyKey));
    }
}
