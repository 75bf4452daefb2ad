namespace Correlation.Topology.Tests.Queries;

public class ServiceImpactTests
{
    // storage <- database <- payments <- checkout
    //                     <- reporting
    private static readonly NetworkTopology Topology = new TopologyBuilder()
        .AddDevice(new Device { Id = "san-01", Role = DeviceRole.Storage })
        .AddDevice(new Device { Id = "db-01", Role = DeviceRole.Server })
        .AddDevice(new Device { Id = "web-01", Role = DeviceRole.Server })
        .AddService(new Service { Id = "storage", Criticality = Criticality.High, DependsOnDevices = ["san-01"] })
        .AddService(new Service { Id = "database", Criticality = Criticality.High, DependsOnDevices = ["db-01"], DependsOnServices = ["storage"] })
        .AddService(new Service { Id = "payments", Criticality = Criticality.Critical, DependsOnServices = ["database"] })
        .AddService(new Service { Id = "checkout", Criticality = Criticality.Critical, DependsOnDevices = ["web-01"], DependsOnServices = ["payments"] })
        .AddService(new Service { Id = "reporting", Criticality = Criticality.Low, DependsOnServices = ["database"] })
        .Build();

    [Test]
    public void A_device_impacts_the_services_that_need_it_and_everything_that_needs_those_most_critical_first()
    {
        Assert.That(Topology.ServicesDependingOn("san-01").Select(s => s.Id),
            Is.EqualTo(new[] { "checkout", "payments", "database", "storage", "reporting" }));
    }

    [Test]
    public void A_device_near_the_top_impacts_only_what_is_above_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Topology.ServicesDependingOn("web-01").Select(s => s.Id), Is.EqualTo(new[] { "checkout" }));
            Assert.That(Topology.ServicesDependingOn("WEB-01"), Is.SameAs(Topology.ServicesDependingOn("web-01")));
            Assert.That(Topology.ServicesDependingOn("unknown"), Is.Empty);
        });
    }

    [Test]
    public void A_service_impacts_its_dependants_but_not_itself()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Topology.ServicesDependingOnService("database").Select(s => s.Id),
                Is.EqualTo(new[] { "checkout", "payments", "reporting" }));
            Assert.That(Topology.ServicesDependingOnService("checkout"), Is.Empty);
        });
    }

    [Test]
    public void A_failure_assessment_counts_services_of_failed_devices_transitively()
    {
        var impact = Topology.AssessFailure(FailureSet.OfDevices("db-01"));

        Assert.That(impact.ImpactedServices.Select(s => s.Id), Is.EqualTo(new[] { "checkout", "payments", "database", "reporting" }));
    }

    [Test]
    public void Impact_on_a_generated_network_of_thousands_of_devices_is_found_through_long_dependency_chains()
    {
        var builder = new TopologyBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            builder.AddDevice(new Device { Id = Networks.Id(i) });
            // Service i needs device i and service i - 1: device 0 sits under every service.
            builder.AddService(new Service
            {
                Id = "s" + i,
                DependsOnDevices = [Networks.Id(i)],
                DependsOnServices = i == 0 ? [] : ["s" + (i - 1)],
            });
        }
        var topology = builder.Build();

        Assert.Multiple(() =>
        {
            Assert.That(topology.ServicesDependingOn("n0"), Has.Count.EqualTo(2_000));
            Assert.That(topology.ServicesDependingOn("n1999").Select(s => s.Id), Is.EqualTo(new[] { "s1999" }));
        });
    }
}
