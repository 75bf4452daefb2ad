namespace Correlation.Topology.Tests.Queries;

public class ResolveTests
{
    private static readonly NetworkTopology Topology = new TopologyBuilder()
        .AddDevice(new Device
        {
            Id = "leeds-asw-01",
            Name = "Leeds floor 1 switch",
            Role = DeviceRole.AccessSwitch,
            Aliases = ["leeds-sw-1", "10.10.1.11", "LEEDS-ASW-01.mgmt"],
        })
        .AddDevice(new Device { Id = "10" })
        .Build();

    [TestCase("leeds-asw-01")]
    [TestCase("LEEDS-ASW-01")]
    [TestCase("Leeds floor 1 switch")]
    [TestCase("leeds-SW-1")]
    [TestCase("10.10.1.11")]
    [TestCase("  leeds-sw-1 ")]
    [TestCase("leeds-asw-01.net.example.com")]
    [TestCase("leeds-asw-01.mgmt")]
    public void A_resource_resolves_by_id_name_alias_or_host_name_whatever_the_case(string resource)
    {
        Assert.That(Topology.Resolve(resource)?.Id, Is.EqualTo("leeds-asw-01"));
    }

    [TestCase("leeds-asw-02")]
    [TestCase("")]
    [TestCase(null)]
    [TestCase(".leeds-asw-01")]
    public void An_unknown_resource_resolves_to_nothing(string? resource)
    {
        Assert.That(Topology.Resolve(resource), Is.Null);
    }

    [Test]
    public void An_ip_address_is_never_cut_down_to_its_first_part()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Topology.Resolve("10.10.1.99"), Is.Null);
            Assert.That(Topology.Resolve("10")?.Id, Is.EqualTo("10"));
        });
    }

    [Test]
    public void Find_takes_ids_only()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Topology.FindDevice("LEEDS-asw-01"), Is.Not.Null);
            Assert.That(Topology.FindDevice("leeds-sw-1"), Is.Null);
        });
    }
}
