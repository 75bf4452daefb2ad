using System.Text;
using Correlation.Testing;

namespace Correlation.Topology.Tests.Loading;

/// <summary>
/// Mutated CMDB files and hostile YAML: the loader answers each within the time limit with a topology or with
/// problems (one at least an error, each with its file), and never throws.
/// </summary>
public class CmdbLoaderFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        File.ReadAllBytes(Path.Combine(RepositoryRoot(), "deploy", "config", "cmdb.yaml")),
        .. Fuzz.HostileYaml.Select(Encoding.UTF8.GetBytes),
    ];

    [Test]
    public void Mutated_and_hostile_CMDB_files_give_a_topology_or_problems_never_an_exception([Values(1, 2)] int seed)
    {
        var refused = 0;
        Fuzz.Run("cmdb", seed, random => random.Next(10) == 0 ? Seeds[random.Next(Seeds.Length)] : Fuzz.Mutate(random, Seeds), bytes =>
        {
            var result = CmdbLoader.TryParse(Encoding.UTF8.GetString(bytes), "fuzz.yaml");
            if (result.Topology is null)
            {
                Assert.That(result.Problems.Any(p => p.IsError), Is.True, "no topology without an error saying why");
                Interlocked.Increment(ref refused);
            }

            Assert.That(result.Problems.All(p => p.Message.Length > 0 && p.Location?.Path is null or "fuzz.yaml"), Is.True);
        });

        Assert.That(refused, Is.GreaterThan(0));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Correlation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Correlation.sln not found above " + AppContext.BaseDirectory);
    }
}
