using System.Net;
using Correlation.Ingest.Admission;

namespace Correlation.Ingest.Tests.Admission;

public class SenderNetworksTests
{
    [Test]
    public void Nothing_configured_means_this_machine_only()
    {
        var networks = SenderNetworks.Parse([], out _)!;

        Assert.Multiple(() =>
        {
            Assert.That(networks.IsLoopbackOnly, Is.True);
            Assert.That(networks.Allows(IPAddress.Parse("127.0.0.1")), Is.True);
            Assert.That(networks.Allows(IPAddress.Parse("127.8.9.10")), Is.True);
            Assert.That(networks.Allows(IPAddress.IPv6Loopback), Is.True);
            Assert.That(networks.Allows(IPAddress.Parse("::ffff:127.0.0.1")), Is.True, "IPv4-mapped loopback");
            Assert.That(networks.Allows(IPAddress.Parse("192.0.2.1")), Is.False);
            Assert.That(networks.Allows(IPAddress.Parse("::ffff:192.0.2.1")), Is.False);
            Assert.That(networks.Allows(null), Is.False);
        });
    }

    [Test]
    public void Configured_networks_and_addresses_are_the_only_senders_taken()
    {
        var networks = SenderNetworks.Parse(["10.0.0.0/8", "192.0.2.7", "2001:db8::/32"], out var error)!;

        Assert.That(error, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(networks.IsLoopbackOnly, Is.False);
            Assert.That(networks.Allows(IPAddress.Parse("10.20.30.40")), Is.True);
            Assert.That(networks.Allows(IPAddress.Parse("::ffff:10.20.30.40")), Is.True);
            Assert.That(networks.Allows(IPAddress.Parse("192.0.2.7")), Is.True);
            Assert.That(networks.Allows(IPAddress.Parse("192.0.2.8")), Is.False);
            Assert.That(networks.Allows(IPAddress.Parse("2001:db8::1")), Is.True);
            Assert.That(networks.Allows(IPAddress.Parse("127.0.0.1")), Is.False, "loopback is not added once networks are named");
        });
    }

    [Test]
    public void Anyone_must_be_said_explicitly()
    {
        var networks = SenderNetworks.Parse(["0.0.0.0/0", "::/0"], out _)!;

        Assert.That(networks.Allows(IPAddress.Parse("198.51.100.1")), Is.True);
        Assert.That(networks.Allows(IPAddress.Parse("2001:db8::1")), Is.True);
    }

    [TestCase("10.0.0.0/33")]
    [TestCase("leeds-sw-1")]
    [TestCase("")]
    [TestCase("10.0.0.1/8/8")]
    public void A_bad_entry_is_refused_with_its_index(string entry)
    {
        Assert.That(SenderNetworks.Parse(["10.0.0.0/8", entry], out var error), Is.Null);
        Assert.That(error, Does.StartWith("1: "));
    }
}
