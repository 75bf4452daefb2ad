using System.Net;
using System.Text;

namespace Correlation.Ingest.Chat.Tests.Pipeline;

/// <summary>The chat endpoints' backpressure: a sender over Chat:RequestsPerSecondPerSender gets 429 with Retry-After, before its body is read.</summary>
public class AdmissionTests
{
    [Test]
    public async Task A_sender_over_its_rate_gets_429_with_Retry_After_and_nothing_is_published()
    {
        var settings = ChatTestHost.Settings();
        // One request every 100 seconds after the first: however slow this machine, the second is over the rate.
        settings["Chat:RequestsPerSecondPerSender"] = "0.01";
        settings["Chat:BurstPerSender"] = "1";
        await using var host = await ChatTestHost.StartAsync(settings);

        using var first = await host.PostAsync("/api/v1/chat/mattermost",
            Encoding.UTF8.GetBytes(Payloads.Mattermost("noc report the vpn is down", "chan1", postId: "post-one-0000000000000001")), "application/x-www-form-urlencoded");
        using var second = await host.PostAsync("/api/v1/chat/mattermost",
            Encoding.UTF8.GetBytes(Payloads.Mattermost("noc report the vpn is down again", "chan1", postId: "post-two-0000000000000002")), "application/x-www-form-urlencoded");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        Assert.That(second.StatusCode, Is.EqualTo((HttpStatusCode)429));
        Assert.That(second.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(100)), "about 100 s until the next request is due");
        Assert.That((await ChatTestHost.JsonAsync(second)).GetProperty("error").GetString(), Is.EqualTo("rate_limited"));
        Assert.That(host.Published(), Has.Count.EqualTo(1));
    }
}
