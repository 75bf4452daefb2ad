namespace Correlation.Topology.Tests.Building;

public class TopologyBuilderTests
{
    private static Device Router(string id, string? site = null) => new() { Id = id, Role = DeviceRole.Router, SiteId = site };

    [Test]
    public void An_edge_list_with_integer_ids_and_no_sites_builds_a_connected_topology()
    {
        var builder = new TopologyBuilder();
        for (var i = 1; i <= 474; i++)
        {
            builder.AddDevice(new Device { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        for (var i = 1; i < 474; i++)
        {
            builder.AddLink(new Link { A = $"{i}", B = $"{i + 1}" }, EntrySource.At("edges.csv", i + 1));
        }

        var topology = builder.Build();

        Assert.Multiple(() =>
        {
            Assert.That(topology.Devices, Has.Count.EqualTo(474));
            Assert.That(topology.Sites, Is.Empty);
            Assert.That(topology.FindLink("1--2"), Is.Not.Null);
            Assert.That(topology.HopDistance("1", "474"), Is.EqualTo(473));
            Assert.That(topology.SiteOf("1"), Is.Null);
            Assert.That(topology.FindDevice("10")!.Role, Is.EqualTo(DeviceRole.Other));
        });
    }

    [Test]
    public void A_repeated_edge_in_a_csv_is_reported_with_the_csv_line_either_way_round()
    {
        var builder = new TopologyBuilder()
            .AddDevice(new Device { Id = "1" })
            .AddDevice(new Device { Id = "2" })
            .AddLink(new Link { A = "1", B = "2" }, EntrySource.At("edges.csv", 2))
            .AddLink(new Link { A = "2", B = "1" }, EntrySource.At("edges.csv", 3))
            .AddLink(new Link { A = "1", B = "2" }, EntrySource.At("edges.csv", 4))
            .AddLink(new Link { A = "2", B = "2" }, EntrySource.At("edges.csv", 5))
            .AddLink(new Link { A = "2", B = "3" }, EntrySource.At("edges.csv", 6));

        var problems = builder.Validate().Select(p => p.ToString()).ToList();

        Assert.That(problems, Has.Count.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(problems[0], Does.StartWith("edges.csv:3:1: link '2--1' duplicates link '1--2' (first defined at line 2)"));
            Assert.That(problems[1], Does.StartWith("edges.csv:4:1: duplicate link id '1--2' (first defined at line 2)"));
            Assert.That(problems[2], Is.EqualTo("edges.csv:5:1: link '2--2' connects device '2' to itself"));
            Assert.That(problems[3], Is.EqualTo("edges.csv:6:1: link '2--3' refers to unknown device '3'"));
        });
    }

    [Test]
    public void Without_sources_problems_name_the_entity_instead_of_a_line()
    {
        var ex = Assert.Throws<CmdbValidationException>(() => new TopologyBuilder()
            .AddDevice(Router("r1", site: "nowhere"))
            .AddDevice(Router("r1"))
            .AddService(new Service { Id = "a", DependsOnServices = ["b"] })
            .AddService(new Service { Id = "b", DependsOnServices = ["a"] })
            .Build());

        Assert.That(ex.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "duplicate device id 'r1'",
            "device 'r1' refers to unknown site 'nowhere'",
            "service dependency cycle: a -> b -> a",
        }));
    }

    [Test]
    public void The_builder_applies_every_rule_the_yaml_loader_does()
    {
        var problems = new TopologyBuilder()
            .AddSite(new Site { Id = "leeds" })
            .AddTeam(new Team { Id = "noc" })
            .AddDevice(new Device { Id = "", Role = DeviceRole.Router })
            .AddDevice(new Device { Id = "r1", SiteId = "leeds", TeamId = "nope" })
            .AddDevice(new Device { Id = "r2", Aliases = ["R1"] })
            .AddLink(new Link { Id = "l1", A = "r1", B = "r2", RedundancyGroup = "solo" })
            .AddService(new Service { Id = "s", TeamId = "noc", DependsOnDevices = ["r9"], DependsOnServices = ["t"] })
            .Validate()
            .Select(p => p.ToString())
            .ToList();

        Assert.That(problems, Is.EquivalentTo(new[]
        {
            "a device has an empty id",
            "device 'r1' refers to unknown team 'nope'",
            "device 'r2' has the alias 'R1', which already identifies device 'r1'",
            "warning: redundancy group 'solo' has only one link ('l1'), so nothing backs it up",
            "service 's' refers to unknown device 'r9'",
            "service 's' refers to unknown service 't'",
        }));
    }

    [Test]
    public void References_take_the_spelling_of_the_entity_they_name()
    {
        var topology = new TopologyBuilder()
            .AddSite(new Site { Id = "Leeds" })
            .AddDevice(Router("R1", site: "LEEDS"))
            .AddDevice(Router("r2", site: "leeds"))
            .AddLink(new Link { A = "r1", B = "R2" })
            .Build();

        Assert.Multiple(() =>
        {
            Assert.That(topology.FindDevice("r1")!.SiteId, Is.EqualTo("Leeds"));
            Assert.That(topology.Links.Single().A, Is.EqualTo("R1"));
            Assert.That(topology.Links.Single().B, Is.EqualTo("r2"));
            Assert.That(topology.FindLink("R1--r2"), Is.Not.Null);
        });
    }

    [Test]
    public void Warnings_alone_still_build_and_travel_on_the_topology()
    {
        var built = new TopologyBuilder()
            .AddDevice(Router("a"))
            .AddDevice(Router("b"))
            .AddLink(new Link { Id = "only", A = "a", B = "b", RedundancyGroup = "g" })
            .TryBuild(out var topology, out var problems);

        Assert.Multiple(() =>
        {
            Assert.That(built, Is.True);
            Assert.That(topology!.Warnings, Is.EqualTo(problems));
            Assert.That(problems.Single().Severity, Is.EqualTo(ProblemSeverity.Warning));
        });
    }

    [Test]
    public void Names_default_to_ids()
    {
        var topology = new TopologyBuilder()
            .AddSite(new Site { Id = "york" })
            .AddTeam(new Team { Id = "voice", Name = "Voice" })
            .AddDevice(Router("r1", "york"))
            .Build();

        Assert.Multiple(() =>
        {
            Assert.That(topology.FindSite("york")!.Name, Is.EqualTo("york"));
            Assert.That(topology.FindTeam("VOICE")!.Name, Is.EqualTo("Voice"));
            Assert.That(topology.Resolve("r1")!.Name, Is.EqualTo("r1"));
        });
    }

    [Test]
    public void The_exception_message_counts_errors_and_warnings_and_lists_each()
    {
        var ex = new CmdbValidationException(
        [
            new TopologyProblem(ProblemSeverity.Error, "bad", new SourceLocation("c.yaml", 3, 7)),
            new TopologyProblem(ProblemSeverity.Warning, "odd", new SourceLocation("c.yaml", 9, 1)),
        ]);

        Assert.That(ex.Message, Is.EqualTo(
            "The topology is not valid: 1 error and 1 warning." + Environment.NewLine +
            "c.yaml:3:7: bad" + Environment.NewLine +
            "c.yaml:9:1: warning: odd"));
    }
}
