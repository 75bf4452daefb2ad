using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Correlation.Topology.Tests.Hosting;

public class AddTopologyTests
{
    private static IHost Host(string contentRoot, string? cmdbPath)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = contentRoot,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Topology:CmdbPath"] = cmdbPath,
            ["Topology:ReloadDebounce"] = "00:00:00.050",
        });
        builder.AddTopology();
        builder.AddTopology(); // composed services may each ask for it
        return builder.Build();
    }

    [Test]
    public async Task A_host_starts_with_the_cmdb_named_relative_to_its_content_root()
    {
        using var dir = new TempDirectory();
        dir.Write("cmdb.yaml", Cmdbs.TwoRouters);
        using var host = Host(dir.Path, "cmdb.yaml");

        await host.StartAsync();
        var provider = host.Services.GetRequiredService<TopologyProvider>();

        Assert.Multiple(() =>
        {
            Assert.That(provider.CmdbPath, Is.EqualTo(Path.Combine(dir.Path, "cmdb.yaml")));
            Assert.That(provider.Current.Devices, Has.Count.EqualTo(2));
            Assert.That(host.Services.GetServices<IHostedService>().OfType<TopologyWatcher>().Count(), Is.EqualTo(1));
        });
        await host.StopAsync();
    }

    [Test]
    public async Task The_sample_cmdb_starts_a_host()
    {
        using var dir = new TempDirectory();
        using var host = Host(dir.Path, SampleCmdb.Path);

        await host.StartAsync();

        Assert.That(host.Services.GetRequiredService<TopologyProvider>().Current.FindService("payments"), Is.Not.Null);
        await host.StopAsync();
    }

    [Test]
    public void A_bad_cmdb_stops_the_host_at_start_with_the_file_line_and_reason()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("cmdb.yaml", Cmdbs.Broken);
        using var host = Host(dir.Path, "cmdb.yaml");

        var ex = Assert.ThrowsAsync<CmdbValidationException>(() => host.StartAsync());

        Assert.That(ex.Message, Does.Contain($"{path}:3:21: link 'r1--r9' refers to unknown device 'r9'"));
    }

    [Test]
    public void A_missing_cmdb_file_stops_the_host_at_start_naming_the_setting_and_path()
    {
        using var dir = new TempDirectory();
        using var host = Host(dir.Path, "missing.yaml");

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex.Message, Does.Contain("Topology:CmdbPath").And.Contain(Path.Combine(dir.Path, "missing.yaml")));
    }

    [Test]
    public void An_unset_cmdb_path_stops_the_host_at_start()
    {
        using var dir = new TempDirectory();
        using var host = Host(dir.Path, null);

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex.Message, Does.Contain("CmdbPath"));
    }
}
