namespace Correlation.Deploy.Tests;

/// <summary>The service catalog the other tests rely on is the set of services the repository builds.</summary>
public class CatalogTests
{
    [Test]
    public void Every_service_host_under_services_is_in_the_catalog()
    {
        // A service host is a project whose Program.cs builds its own bus; the all-in-one host composes the others.
        var hosts = Directory.GetDirectories(Path.Combine(Repo.Root, "services"))
            .Where(d => File.Exists(Path.Combine(d, "Program.cs"))
                && File.ReadAllText(Path.Combine(d, "Program.cs")).Contains("AddCorrelationBus", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();
        Assert.That(hosts, Is.Not.Empty);
        Assert.That(hosts, Is.EquivalentTo(ServiceCatalog.All.Select(s => s.Project)));
    }

    [Test]
    public void Catalog_names_are_unique_kubernetes_names()
    {
        Assert.That(ServiceCatalog.All.Select(s => s.Name), Is.Unique.And.All.Match("^[a-z][-a-z0-9]*$"));
    }
}
