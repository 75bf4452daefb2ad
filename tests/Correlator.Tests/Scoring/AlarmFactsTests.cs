using Correlation.Contracts;
using Correlation.Correlator.Scoring;
using Correlation.Topology;

namespace Correlation.Correlator.Tests.Scoring;

public class AlarmFactsTests
{
    private static readonly NetworkTopology Network = Build();

    private static NetworkTopology Build()
    {
        var builder = new TopologyBuilder();
        builder.AddSite(new Site { Id = "leeds" });
        builder.AddDevice(new Device { Id = "core", Role = DeviceRole.CoreRouter, SiteId = "leeds", Aliases = ["core.example.com"] });
        builder.AddDevice(new Device { Id = "york-rtr", Role = DeviceRole.Router });
        builder.AddLink(new Link { Id = "york-uplink", A = "core", B = "york-rtr" });
        builder.AddService(new Service { Id = "file-shares", DependsOnDevices = ["york-rtr"] });
        return builder.Build();
    }

    private static AlarmFacts Facts(string resource, string? instance = null, string? site = null, string? service = null) =>
        AlarmFacts.From(Alarms.Raise(site ?? "", resource) with
        {
            Site = site,
            Service = service,
            Labels = instance is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["instance"] = instance },
        }, Network);

    [Test]
    public void A_device_reporting_a_link_down_points_at_the_far_end_of_that_link()
    {
        Assert.That(Facts("core.example.com", instance: "york-uplink").DeviceId, Is.EqualTo("york-rtr"));
    }

    [Test]
    public void A_device_reporting_a_neighbour_down_points_at_the_neighbour()
    {
        Assert.That(Facts("core", instance: "york-rtr").DeviceId, Is.EqualTo("york-rtr"));
    }

    [Test]
    public void An_instance_that_is_not_a_link_or_a_neighbour_leaves_the_alarm_on_its_device()
    {
        var facts = Facts("core", instance: "Gi0/1");

        Assert.That(facts.DeviceId, Is.EqualTo("core"));
        Assert.That(facts.SiteId, Is.EqualTo("leeds"));
    }

    [Test]
    public void A_report_naming_a_site_or_a_service_is_placed_there()
    {
        var atSite = Facts("leeds");
        var forService = Facts("file-shares");
        var unknown = Facts("somewhere else");

        Assert.That((atSite.DeviceId, atSite.SiteId), Is.EqualTo(((string?)null, "leeds")));
        Assert.That(forService.ServiceId, Is.EqualTo("file-shares"));
        Assert.That(unknown.IsUnplaced, Is.True);
    }
}
