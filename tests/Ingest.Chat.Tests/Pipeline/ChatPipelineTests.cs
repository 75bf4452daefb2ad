using System.Diagnostics;
using System.Net;
using Correlation.ServiceDefaults;
using Correlation.Testing;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Correlation.Ingest.Chat.Tests.Pipeline;

/// <summary>What every chat endpoint shares: unconfigured platforms, the broker's confirm and its deadline, size limit.</summary>
public class ChatPipelineTests
{
    [Test]
    public async Task A_platform_without_its_secret_answers_404_naming_the_setting()
    {
        var settings = ChatTestHost.Settings();
        settings.Remove("Chat:Slack:SigningSecret");
        settings.Remove("Chat:Teams:Secrets:0");
        settings.Remove("Chat:Teams:Secrets:1");
        settings.Remove("Chat:Mattermost:Tokens:0");
        await using var host = await ChatTestHost.StartAsync(settings);

        var events = await host.PostSlackEventAsync(Payloads.SlackUrlVerification("c"));
        var commands = await host.PostSlackCommandAsync(Payloads.SlackCommand("report down", "C1"));
        var teams = await host.PostTeamsAsync(Payloads.Teams("<at>NOC</at> report down", "19:x"));
        var mattermost = await host.PostMattermostAsync(Payloads.Mattermost("noc report down", "c"));

        Assert.That(new[] { events, commands, teams, mattermost }.Select(r => r.StatusCode), Has.All.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await ChatTestHost.ProblemAsync(events)).Error, Is.EqualTo("not_configured"));
        Assert.That(await commands.Content.ReadAsStringAsync(), Does.Contain("Chat:Slack:SigningSecret"));
        Assert.That(await teams.Content.ReadAsStringAsync(), Does.Contain("Chat:Teams:Secrets"));
        Assert.That(await mattermost.Content.ReadAsStringAsync(), Does.Contain("Chat:Mattermost:Tokens"));
        Assert.That(host.Published(), Is.Empty);
    }

    [Test]
    public async Task A_bad_secret_in_the_configuration_stops_the_host_with_the_settings_name()
    {
        var settings = ChatTestHost.Settings();
        settings["Chat:Teams:Secrets:0"] = "not base64!";

        var failure = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => ChatTestHost.StartAsync(settings));

        Assert.That(failure!.Message, Does.Contain("Chat:Teams:Secrets"));
        Assert.That(failure.Message, Does.Not.Contain("not base64!"), "a secret is never repeated");
    }

    // The reply deadline (ours, below Slack's 3 s) or the bus's own publish timeout, whichever comes first.
    [TestCase("00:00:00.300", "00:00:10")]
    [TestCase("00:00:02", "00:00:00.300")]
    public async Task A_report_the_broker_does_not_confirm_in_time_gets_503_with_retry_after_and_the_retry_publishes_again(string deadline, string publishTimeout)
    {
        var (endpoint, broker) = NeverConfirmingBroker.Create();
        var settings = ChatTestHost.Settings();
        settings["Chat:ReplyDeadline"] = deadline;
        settings["RabbitMq:Url"] = "amqp://unused:unused@127.0.0.1:1/";
        settings["RabbitMq:PublishTimeout"] = publishTimeout;
        settings["Redis:Configuration"] = "127.0.0.1:1";
        settings["Logging:LogLevel:Default"] = "None";
        var builder = WebApplication.CreateBuilder(LocalWebHost.LoopbackArgs(settings));
        builder.AddServiceDefaults();
        builder.AddIngestChat();
        builder.Services.AddScoped(_ => endpoint);
        var app = builder.Build();
        app.MapIngestChat();
        await using var host = await LocalWebHost.StartAsync(app);
        var json = Payloads.SlackEvent("app_mention", "C1", "<@U0NOCBOT1> the wifi is down in York", "1763892000.000100");
        var client = new ChatClient(host.Client);

        var clock = Stopwatch.StartNew();
        var first = await client.PostSlackEventAsync(json);
        var elapsed = clock.Elapsed;
        var retry = await client.PostSlackEventAsync(json);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(first.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That((await ChatTestHost.ProblemAsync(first)).Error, Is.EqualTo("broker_unavailable"));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(2.9)), "answered within Slack's three seconds");
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(broker.Publishes, Is.EqualTo(2), "a failed publish is not remembered as done: the retry tried again");
    }

    [Test]
    public async Task A_body_over_the_limit_gets_413_and_nothing_is_published()
    {
        var settings = ChatTestHost.Settings();
        settings["Chat:MaxBodyBytes"] = "2048";
        await using var host = await ChatTestHost.StartAsync(settings);

        var response = await host.PostSlackEventAsync(Payloads.SlackEvent("app_mention", "C1", "<@U0NOCBOT1> down " + new string('x', 3000), "1.0"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(host.Published(), Is.Empty);
    }

    /// <summary>Signed Slack requests against any host.</summary>
    private sealed class ChatClient(HttpClient client)
    {
        public async Task<HttpResponseMessage> PostSlackEventAsync(string json)
        {
            var body = System.Text.Encoding.UTF8.GetBytes(json);
            var now = Signers.Now();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/chat/slack/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add("X-Slack-Request-Timestamp", now.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Signature", Signers.Slack(ChatTestHost.SlackSecret, now, body));
            return await client.SendAsync(request);
        }
    }
}
