using Correlation.Ingest.Mail.Tests.Support;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Mail.Tests;

/// <summary>Bad settings stop the host at start, naming the setting and what is wrong with it.</summary>
public class OptionsValidationTests
{
    [TestCase("Mail:Rules:0:Name", "x", "Mail:Rules:0: AlarmType is required")]
    [TestCase("Mail:Smtp:Address", "localhost", "Mail:Smtp:Address: 'localhost' is not an IP address")]
    [TestCase("Mail:Smtp:AllowedRecipientDomains:0", "a b", "Mail:Smtp:AllowedRecipientDomains:0")]
    [TestCase("Mail:Imap:Host", "imap.example", "Username and Password are required")]
    [TestCase("Mail:Smtp:MaxConnections", "0", "Mail:Smtp:MaxConnections")]
    public void A_bad_setting_stops_the_host_with_its_name(string key, string value, string message)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await MailHost.StartAsync(new Dictionary<string, string> { [key] = value });
        });

        Assert.That(failure!.Message, Does.Contain(message));
    }

    [Test]
    public async Task Port_zero_binds_a_free_port_on_loopback()
    {
        await using var host = await MailHost.StartAsync();

        Assert.Multiple(() =>
        {
            Assert.That(host.Smtp.Port, Is.Not.Zero);
            Assert.That(host.Smtp.Address.ToString(), Is.EqualTo("127.0.0.1"));
        });
    }
}
