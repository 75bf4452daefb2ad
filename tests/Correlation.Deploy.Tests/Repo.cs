namespace Correlation.Deploy.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Deploy => Path.Combine(Root, "deploy");

    public static string K8s => Path.Combine(Deploy, "k8s");

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
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
