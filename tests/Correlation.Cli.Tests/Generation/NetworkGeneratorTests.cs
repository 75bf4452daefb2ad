using System.Text.RegularExpressions;
using Correlation.Cli.Generation;
using Correlation.Topology;

namespace Correlation.Cli.Tests.Generation;

public partial class NetworkGeneratorTests
{
    [GeneratedRegex("^s[0-9]{3}-[a-z]+-[0-9]{2}$")]
    private static partial Regex DeviceId();

    [TestCase(5)]
    [TestCase(30)]
    [TestCase(200)]
    public void A_generated_network_has_the_sites_asked_for_and_every_part_a_noc_network_has(int sites)
    {
        var network = NetworkGenerator.Generate(seed: 4, sites);

        Assert.Multiple(() =>
        {
            Assert.That(network.Sites, Has.Count.EqualTo(sites));
            Assert.That(network.Sites.Select(s => s.Region).Distinct().Count(), Is.GreaterThanOrEqualTo(2));
            Assert.That(network.Devices.Count(d => d.Role == DeviceRole.CoreRouter), Is.GreaterThanOrEqualTo(4), "two core routers in each of 2+ data centres");
            Assert.That(network.Devices.Select(d => d.Id), Has.All.Match(DeviceId()));
            Assert.That(network.Devices, Has.All.Matches<Device>(d => d.Aliases.Count >= 1), "every device has an alias feeds may use");
            Assert.That(network.Links.Where(l => l.RedundancyGroup?.StartsWith("backbone", StringComparison.Ordinal) == true), Is.Not.Empty);
            Assert.That(network.Services.Select(s => s.Id), Does.Contain("internet-access").And.Contain("payments").And.Contain("email"));
            Assert.That(network.Services.Where(s => s.DependsOnServices.Count > 0), Is.Not.Empty);
            Assert.That(network.Teams, Has.Count.GreaterThanOrEqualTo(4));
            Assert.That(network.Warnings, Is.Empty);
            // Every device reaches a core router while nothing has failed.
            Assert.That(network.AssessFailure(FailureSet.None).CutOffDevices, Is.Empty);
        });
    }

    [Test]
    public void A_larger_network_has_dual_homed_single_homed_microwave_and_daisy_chained_sites()
    {
        var network = NetworkGenerator.Generate(seed: 9, sites: 80);

        Assert.Multiple(() =>
        {
            Assert.That(network.Links.Where(l => l.Id.EndsWith("-uplink-2", StringComparison.Ordinal)), Is.Not.Empty, "dual-homed");
            Assert.That(network.Links.Where(l => l.Id.EndsWith("-uplink", StringComparison.Ordinal) && l.RedundancyGroup is null), Is.Not.Empty, "single-homed");
            Assert.That(network.Links.Where(l => l.Kind == LinkKind.Microwave), Is.Not.Empty, "microwave");
            Assert.That(network.Links.Where(l => l.Id.EndsWith("-chain", StringComparison.Ordinal)), Is.Not.Empty, "daisy chains");
        });
    }

    [Test]
    public void The_same_seed_gives_the_same_network_and_another_seed_a_different_one()
    {
        var a = CmdbWriter.Write(NetworkGenerator.Generate(1, 30));
        var b = CmdbWriter.Write(NetworkGenerator.Generate(1, 30));
        var c = CmdbWriter.Write(NetworkGenerator.Generate(2, 30));

        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [TestCase(1, 30)]
    [TestCase(5, 150)]
    public void A_generated_network_written_as_a_cmdb_loads_back_the_same(int seed, int sites)
    {
        var original = NetworkGenerator.Generate(seed, sites);

        var back = CmdbLoader.TryParse(CmdbWriter.Write(original), "generated.yaml");

        Assert.That(back.Succeeded, Is.True, () => string.Join("\n", back.Problems));
        Assert.That(back.Problems, Is.Empty);
        Assert.That(Describe(back.Topology!), Is.EqualTo(Describe(original)));
    }

    private static List<string> Describe(NetworkTopology t) =>
    [
        .. t.Teams.Select(x => $"team {x.Id}|{x.Name}"),
        .. t.Sites.Select(x => $"site {x.Id}|{x.Name}|{x.Region}"),
        .. t.Devices.Select(d => $"device {d.Id}|{d.Name}|{d.Role}|{d.SiteId}|{d.TeamId}|{string.Join(",", d.Aliases)}"),
        .. t.Links.Select(l => $"link {l.Id}|{l.A}|{l.B}|{l.Kind}|{l.RedundancyGroup}"),
        .. t.Services.Select(s => $"service {s.Id}|{s.Name}|{s.Criticality}|{s.TeamId}|{string.Join(",", s.DependsOnDevices)}|{string.Join(",", s.DependsOnServices)}|{string.Join(",", s.Customers)}"),
    ];
}
