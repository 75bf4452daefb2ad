namespace Correlation.Cli.Tests.Support;

internal static class RepositoryRoot
{
    /// <summary>The folder holding Correlation.sln, found by walking up from the test binaries; null outside a checkout.</summary>
    public static string? Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Correlation.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>Where the shared Huawei dataset sits next to the checkout, whether or not it is there.</summary>
    public static string? HuaweiDataset() =>
        Find() is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared", "datasets", "huawei-microwave-25v")) : null;
}
