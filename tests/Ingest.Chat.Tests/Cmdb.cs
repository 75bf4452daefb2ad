using Correlation.Testing;
using Correlation.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Correlation.Ingest.Chat.Tests;

/// <summary>The sample CMDB (deploy/config/cmdb.yaml) that the demo and the pipeline tests use.</summary>
internal static class Cmdb
{
    public static string Path => System.IO.Path.Combine(TestServers.RepositoryRoot(), "deploy", "config", "cmdb.yaml");

    public static TopologyProvider Provider() =>
        new(Options.Create(new TopologyOptions { CmdbPath = Path }), TimeProvider.System, NullLogger<TopologyProvider>.Instance);
}
