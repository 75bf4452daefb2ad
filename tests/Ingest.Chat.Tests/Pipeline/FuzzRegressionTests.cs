using System.Globalization;
using System.Net;
using System.Text;

namespace Correlation.Ingest.Chat.Tests.Pipeline;

/// <summary>Inputs the fuzzers found a crash with, kept so that it never comes back. One named test each.</summary>
public class FuzzRegressionTests
{
    /// <summary>
    /// Found by the feed fuzzers in the JSON reading the chat readers share: a byte that is not UTF-8 inside a JSON
    /// string threw when the string was read, so a correctly signed Slack event holding one was answered 500. Now: 400.
    /// </summary>
    [Test]
    public async Task A_signed_Slack_event_with_a_byte_that_is_not_UTF_8_in_its_text_gets_400_not_500()
    {
        await using var host = await ChatTestHost.StartAsync();
        var json = Payloads.SlackEvent("app_mention", "C1", "<@U1> the vpn is down", "1763892000.000100");
        var at = json.IndexOf("vpn", StringComparison.Ordinal);
        byte[] body = [.. Encoding.UTF8.GetBytes(json[..at]), 0xEB, .. Encoding.UTF8.GetBytes(json[at..])];
        var now = Signers.Now();

        using var response = await host.PostAsync("/api/v1/chat/slack/events", body, "application/json",
            ("X-Slack-Request-Timestamp", now.ToString(CultureInfo.InvariantCulture)), ("X-Slack-Signature", Signers.Slack(ChatTestHost.SlackSecret, now, body)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("not valid UTF-8"));
        Assert.That(host.Published(), Is.Empty);
    }
}
