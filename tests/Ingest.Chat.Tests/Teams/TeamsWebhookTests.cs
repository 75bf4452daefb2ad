using System.Net;
using System.Text;
using Correlation.Contracts;

namespace Correlation.Ingest.Chat.Tests.Teams;

/// <summary>The Teams outgoing webhook: HMAC over the body with the decoded security token, answered with a message activity.</summary>
public class TeamsWebhookTests
{
    private ChatTestHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await ChatTestHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private static string Conversation() => "19:" + Guid.NewGuid().ToString("N") + "@thread.skype";

    [Test]
    public async Task A_report_is_answered_with_a_message_giving_the_alarm_and_the_mention_is_not_part_of_it()
    {
        var conversation = Conversation();

        var response = await _host.PostTeamsAsync(Payloads.Teams("<at>NOC</at>&nbsp;report the VPN is down for everyone at York site=york\n", conversation));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var alarm = _host.PublishedFrom(conversation).Single();
        var answer = await ChatTestHost.JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("type").GetString(), Is.EqualTo("message"));
            Assert.That(answer.GetProperty("text").GetString(), Does.Contain(alarm.Id.ToString()));
            Assert.That(alarm.SourceName, Is.EqualTo("teams"));
            Assert.That(alarm.Summary, Is.EqualTo("the VPN is down for everyone at York"));
            Assert.That(alarm.Site, Is.EqualTo("york"));
            Assert.That(alarm.Details["site_from"], Is.EqualTo("key"));
            Assert.That(alarm.Labels["reporter"], Is.EqualTo("Sam Jones"));
            Assert.That(alarm.ObservedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 23, 10, 15, 2, 123, TimeSpan.Zero)));
            Assert.That(alarm.IdempotencyKey, Is.EqualTo($"teams:{conversation};messageid=1485983408511:1485983408511"));
        });
    }

    [Test]
    public async Task Each_configured_webhook_token_is_accepted()
    {
        var conversation = Conversation();

        var response = await _host.PostTeamsAsync(Payloads.Teams("<at>NOC</at> report phones dead in Hull", conversation), ChatTestHost.OtherTeamsSecret);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_host.PublishedFrom(conversation).Single().Site, Is.EqualTo("hull"));
    }

    [Test]
    public async Task A_wrong_missing_or_malformed_signature_gets_401_and_nothing_is_published()
    {
        var conversation = Conversation();
        var body = Encoding.UTF8.GetBytes(Payloads.Teams("<at>NOC</at> report wifi down in York", conversation));
        var unknownToken = Convert.ToBase64String(Encoding.UTF8.GetBytes("a-webhook-we-never-configured-01"));

        var responses = new[]
        {
            await _host.PostAsync("/api/v1/chat/teams", body, "application/json", ("Authorization", Signers.Teams(unknownToken, body))),
            await _host.PostAsync("/api/v1/chat/teams", body, "application/json"),
            await _host.PostAsync("/api/v1/chat/teams", body, "application/json", ("Authorization", "HMAC not*base64")),
            await _host.PostAsync("/api/v1/chat/teams", body, "application/json", ("Authorization", "Bearer " + ChatTestHost.TeamsSecret)),
            await _host.PostAsync("/api/v1/chat/teams", body, "application/json",
                ("Authorization", Signers.Teams(ChatTestHost.TeamsSecret, Encoding.UTF8.GetBytes(Payloads.Teams("<at>NOC</at> report wifi down in Hull", conversation))))),
        };

        Assert.That(responses.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_host.PublishedFrom(conversation), Is.Empty);
    }

    [Test]
    public async Task Help_and_unknown_commands_are_answered_in_the_thread()
    {
        var conversation = Conversation();

        var help = await ChatTestHost.JsonAsync(await _host.PostTeamsAsync(Payloads.Teams("<at>NOC</at> help", conversation)));
        var unknown = await ChatTestHost.JsonAsync(await _host.PostTeamsAsync(Payloads.Teams("<at>NOC</at> the wifi <b>is</b> slow", conversation)));

        Assert.That(help.GetProperty("text").GetString(), Does.Contain("@NOC report &lt;what is wrong&gt;"));
        Assert.That(unknown.GetProperty("text").GetString(), Does.StartWith("I don&#39;t know &quot;the&quot;"));
        Assert.That(_host.PublishedFrom(conversation), Is.Empty);
    }

    [Test]
    public async Task A_signed_activity_without_a_sender_gets_400_naming_it()
    {
        var json = """{"type":"message","id":"1","text":"<at>NOC</at> report down","conversation":{"id":"19:x"}}""";

        var response = await _host.PostTeamsAsync(json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ChatTestHost.ProblemAsync(response)).Fields, Is.EqualTo(new[] { "$.from" }));
    }

    [Test]
    public async Task A_report_naming_a_service_by_its_name_is_placed_at_the_service()
    {
        var conversation = Conversation();

        await _host.PostTeamsAsync(Payloads.Teams("<at>NOC</at> report Card Payments are failing for every customer", conversation));

        var alarm = _host.PublishedFrom(conversation).Single();
        Assert.That(alarm.Service, Is.EqualTo("payments"));
        Assert.That(alarm.Site, Is.Null);
        Assert.That(alarm.Resource, Is.EqualTo("payments"));
        Assert.That(alarm.Severity, Is.EqualTo(AlarmSeverity.Minor));
    }
}
