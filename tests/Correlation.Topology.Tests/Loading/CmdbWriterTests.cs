namespace Correlation.Topology.Tests.Loading;

public class CmdbWriterTests
{
    [Test]
    public void The_sample_cmdb_written_and_loaded_again_is_the_same_network()
    {
        var original = SampleCmdb.Topology;

        var yaml = CmdbWriter.Write(original);
        var back = CmdbLoader.TryParse(yaml, "written.yaml");

        Assert.That(back.Succeeded, Is.True, () => string.Join("\n", back.Problems) + "\n" + yaml);
        Assert.That(back.Problems, Is.Empty);
        AssertSame(original, back.Topology!);
    }

    [Test]
    public void Text_that_yaml_would_read_as_something_else_is_quoted_and_reads_back_as_written()
    {
        string[] awkward = ["null", "yes", "~", "10:30", "#hash", "*star", "a: b", "quote \"x\"", "back\\slash", "- dash", "[list]", "{map}", "naïve café", "tab\there", "0x1F", "  spaced  ".Trim(), "&anchor", "!tag", "@at", "%pct", "'single'"];
        var builder = new TopologyBuilder()
            .AddTeam(new Team { Id = "t-1", Name = "null" })
            .AddSite(new Site { Id = "yes", Name = "10:30", Region = "#north" })
            .AddSite(new Site { Id = "plain" });
        for (var i = 0; i < awkward.Length; i++)
        {
            builder.AddDevice(new Device { Id = $"d{i}", Name = awkward[i], Role = DeviceRole.Server, SiteId = "yes", TeamId = "t-1", Aliases = [$"alias {awkward[i]} {i}"] });
        }
        builder.AddDevice(new Device { Id = "r1", Role = DeviceRole.CoreRouter });
        builder.AddLink(new Link { Id = "a: b", A = "d0", B = "r1", Kind = LinkKind.Microwave, RedundancyGroup = "null" });
        builder.AddLink(new Link { Id = "twin", A = "d0", B = "r1", Kind = LinkKind.Fibre, RedundancyGroup = "null" });
        builder.AddLink(new Link { A = "d1", B = "r1" });
        builder.AddService(new Service { Id = "s1", Criticality = Criticality.Critical, DependsOnDevices = ["d1"], Customers = ["yes", "no"] });
        builder.AddService(new Service { Id = "s2", Name = "Two", Criticality = Criticality.Low, DependsOnServices = ["s1"], TeamId = "t-1" });
        var original = builder.Build();

        var yaml = CmdbWriter.Write(original);
        var back = CmdbLoader.TryParse(yaml, "written.yaml");

        Assert.That(back.Succeeded, Is.True, () => string.Join("\n", back.Problems) + "\n" + yaml);
        AssertSame(original, back.Topology!);
    }

    [Test]
    public void An_empty_network_is_written_as_a_file_the_loader_accepts()
    {
        var yaml = CmdbWriter.Write(new TopologyBuilder().AddTeam(new Team { Id = "only" }).Build());

        var back = CmdbLoader.TryParse(yaml);

        Assert.That(back.Succeeded, Is.True, () => string.Join("\n", back.Problems));
        Assert.That(back.Topology!.Teams.Select(t => t.Id), Is.EqualTo(new[] { "only" }));
    }

    [Test]
    public void Writing_to_a_file_gives_what_loading_that_file_reads()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "cmdb.yaml");

        CmdbWriter.WriteFile(path, SampleCmdb.Topology);

        AssertSame(SampleCmdb.Topology, CmdbLoader.Load(path));
    }

    internal static void AssertSame(NetworkTopology expected, NetworkTopology actual)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Teams.Select(t => $"{t.Id}|{t.Name}"), Is.EqualTo(expected.Teams.Select(t => $"{t.Id}|{t.Name}")), "teams");
            Assert.That(actual.Sites.Select(s => $"{s.Id}|{s.Name}|{s.Region}"), Is.EqualTo(expected.Sites.Select(s => $"{s.Id}|{s.Name}|{s.Region}")), "sites");
            Assert.That(actual.Devices.Select(Describe), Is.EqualTo(expected.Devices.Select(Describe)), "devices");
            Assert.That(actual.Links.Select(Describe), Is.EqualTo(expected.Links.Select(Describe)), "links");
            Assert.That(actual.Services.Select(Describe), Is.EqualTo(expected.Services.Select(Describe)), "services");
        });
    }

    private static string Describe(Device d) => $"{d.Id}|{d.Name}|{d.Role}|{d.SiteId}|{d.TeamId}|{string.Join("\n", d.Aliases)}";

    private static string Describe(Link l) => $"{l.Id}|{l.A}|{l.B}|{l.Kind}|{l.RedundancyGroup}";

    private static string Describe(Service s) =>
        $"{s.Id}|{s.Name}|{s.Criticality}|{s.TeamId}|{string.Join("\n", s.DependsOnDevices)}|{string.Join("\n", s.DependsOnServices)}|{string.Join("\n", s.Customers)}";
}
