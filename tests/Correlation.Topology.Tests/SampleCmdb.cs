namespace Correlation.Topology.Tests;

/// <summary>The repository's deploy/config/cmdb.yaml, found from the test binaries.</summary>
internal static class SampleCmdb
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryRoot(), "deploy", "config", "cmdb.yaml");

    private static readonly Lazy<NetworkTopology> Loaded = new(() => CmdbLoader.Load(Path));

    public static NetworkTopology Topology => Loaded.Value;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Correlation.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Correlation.sln not found above " + AppContext.BaseDirectory);
    }
}
