using Correlation.Ingest.Mail.Tests.Support;
using static Correlation.Ingest.Mail.Tests.Support.SmtpTestClient;

namespace Correlation.Ingest.Mail.Tests.Smtp;

/// <summary>
/// SMTP as received here carries no credential: the client's network (Mail:Smtp:AllowedClientNetworks, this machine
/// when empty) decides who may connect, and the recipient domains what mail is taken.
/// </summary>
public class ClientNetworkTests
{
    [Test]
    public async Task A_client_outside_the_allowed_networks_is_refused_with_554_in_the_greeting_and_counted()
    {
        await using var host = await MailHost.StartAsync(new Dictionary<string, string> { ["Mail:Smtp:AllowedClientNetworks:0"] = "192.0.2.0/24" });
        await using var client = await ConnectAsync(host.Smtp);

        Assert.That(client.Greeting, Does.StartWith("554 5.7.1"));
        Assert.That(await client.ClosedAsync(), Is.True, "the connection is closed");
        await host.RejectedAsync("smtp", "client_not_allowed", 1);
    }

    [Test]
    public async Task With_no_networks_configured_a_client_on_this_machine_is_served()
    {
        await using var host = await MailHost.StartAsync();
        await using var client = await ConnectAsync(host.Smtp);

        Assert.That(client.Greeting, Does.StartWith("220 "));
        Assert.That(Code(await client.SendMailAsync(Mails.Raw("hello", "body"))), Is.EqualTo(250));
    }
}
